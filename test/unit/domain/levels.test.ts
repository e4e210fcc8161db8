/** The levels of the hierarchy are data: their words come from the directory, not from code. */
import { describe, expect, it } from 'vitest';
import { levelPhrase, scopePhrase } from '../../../vocabulary/levels';
import type { Directory } from '../../../domain/model';
import { config } from './shipped';

const WORDS = { all: 'các cấp', same: 'cùng cấp', grassroots: 'cơ sở' };

describe('level words', () => {
  const directory = config.directory;

  it('name every level, one level, and the grassroots level of the shipped directory', () => {
    expect(levelPhrase(directory, 'all')).toBe('các cấp');
    expect(levelPhrase(directory, 'district')).toBe('cấp huyện');
    expect(levelPhrase(directory, 'commune')).toBe('cấp cơ sở');
  });

  it('name the units of the shipped directory, the district first', () => {
    expect(scopePhrase(directory)).toBe('huyện và các xã, thị trấn');
  });

  it('follow the levels of another directory: a province over its communes, wards and special zones', () => {
    const twoTier: Pick<Directory, 'levels' | 'levelWords' | 'units'> = {
      levels: [
        { id: 'province', name: 'tỉnh' },
        { id: 'commune', name: 'xã', units: 'xã, phường, đặc khu', grassroots: true },
      ],
      levelWords: WORDS,
      units: [
        { id: 'tinh', name: 'tỉnh Ví Dụ', level: 'province', validFrom: '2025-07-01' },
        { id: 'a', name: 'xã A', level: 'commune', validFrom: '2025-07-01' },
        { id: 'b', name: 'phường B', level: 'commune', validFrom: '2025-07-01' },
      ],
    };
    expect(scopePhrase(twoTier)).toBe('tỉnh và các xã, phường, đặc khu');
    expect(levelPhrase(twoTier, 'province')).toBe('cấp tỉnh');
    expect(levelPhrase(twoTier, 'commune')).toBe('cấp cơ sở');
  });

  it('leave out a level without units', () => {
    const levels = [{ id: 'province', name: 'tỉnh' }, { id: 'district', name: 'huyện' }, { id: 'commune', name: 'xã' }];
    const units = [
      { id: 'p', name: 'tỉnh P', level: 'province', validFrom: '2025-07-01' },
      { id: 'a', name: 'xã A', level: 'commune', validFrom: '2025-07-01' },
    ];
    expect(scopePhrase({ levels, units })).toBe('tỉnh và các xã');
  });
});
