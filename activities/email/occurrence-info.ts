/** The occurrence as an email sees it: its spec without the timeline. */
import type { NotifyInput } from '../types';

export type Spec = NotifyInput['occurrence'];
