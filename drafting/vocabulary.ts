/**
 * The words of Vietnamese plans that the drafter reads: who (bodies, groups of bodies,
 * levels), how often, by when, what kind of duty. One home for every word list; the rules
 * that use them live in drafting/actors.ts and drafting/duties.ts.
 *
 * Patterns are written in the folded form of drafting/text.ts (lower case, no diacritics,
 * đ → d), so that "Uỷ ban"/"Ủy ban" or "hằng năm"/"hàng năm" need one pattern; the few
 * words that folding would confuse ("mời" invite / "mỗi" each) are matched with diacritics.
 * Nothing here names a body of a particular directory: terms are matched against the names
 * of the directory's bodies (drafting/actors.ts).
 */
import type { ObligationKind, Recurrence, UnitLevel } from '../domain/model';

export interface ActorTerm {
  key: string;
  /** How plans write it (folded regex sources; the longest match at a place wins). */
  phrases: string[];
  /** Folded fragments of the directory's body names it means; absent: the words of the mention itself. */
  names?: string[];
  /** A group ("các tổ chức chính trị - xã hội") stands for these terms. */
  members?: string[];
  /** The Party committee of a level ("cấp ủy", "đảng ủy"): resolved by role, see PARTY_COMMITTEE. */
  partyCommittee?: true;
  /** A body outside the plan's directory (the province, the Politburo): never an actor. */
  external?: true;
}

export const ACTOR_TERMS: readonly ActorTerm[] = [
  { key: 'mttq', phrases: ['uy ban mat tran to quoc viet nam', 'uy ban mat tran to quoc', 'uy ban mttq', 'mat tran to quoc viet nam', 'mat tran to quoc', 'mttq', 'mat tran'], names: ['mttq', 'mat tran to quoc'] },
  { key: 'ubnd', phrases: ['uy ban nhan dan', 'ubnd', 'chinh quyen'], names: ['uy ban nhan dan', 'ubnd'] },
  { key: 'hdnd', phrases: ['hoi dong nhan dan', 'hdnd'], names: ['hoi dong nhan dan', 'hdnd'] },
  { key: 'cong-doan', phrases: ['lien doan lao dong', 'cong doan', 'ldld'], names: ['lien doan lao dong', 'cong doan'] },
  { key: 'nong-dan', phrases: ['hoi nong dan'], names: ['hoi nong dan'] },
  { key: 'cuu-chien-binh', phrases: ['hoi cuu chien binh', 'hoi ccb'], names: ['cuu chien binh'] },
  { key: 'phu-nu', phrases: ['hoi lien hiep phu nu', 'hoi lhpn', 'hoi phu nu'], names: ['phu nu'] },
  {
    key: 'doan-thanh-nien',
    phrases: ['doan thanh nien cong san ho chi minh', 'doan tncs ho chi minh', 'doan tncs', 'doan thanh nien', 'huyen doan', 'doan tn'],
    names: ['doan tncs', 'doan thanh nien', 'huyen doan'],
  },
  // The five socio-political organisations (Hiến pháp 2013, điều 9; Luật MTTQ Việt Nam).
  {
    key: 'to-chuc-chinh-tri-xa-hoi',
    phrases: ['cac to chuc chinh tri ?- ?xa hoi', 'to chuc chinh tri ?- ?xa hoi', 'cac doan the chinh tri ?- ?xa hoi', 'cac doan the'],
    members: ['cong-doan', 'nong-dan', 'cuu-chien-binh', 'phu-nu', 'doan-thanh-nien'],
  },
  { key: 'cap-uy', phrases: ['cac cap uy dang', 'cap uy dang', 'cac cap uy', 'cap uy', 'dang uy', 'huyen uy'], partyCommittee: true },
  { key: 'ban-thuong-vu', phrases: ['ban thuong vu huyen uy', 'ban thuong vu dang uy', 'ban thuong vu'] },
  { key: 'thuong-truc', phrases: ['thuong truc huyen uy', 'thuong truc dang uy'] },
  { key: 'ban-dan-van', phrases: ['ban dan van huyen uy', 'ban dan van dang uy', 'ban dan van'] },
  { key: 'ban-tuyen-giao', phrases: ['ban tuyen giao huyen uy', 'ban tuyen giao'] },
  { key: 'ban-to-chuc', phrases: ['ban to chuc huyen uy', 'ban to chuc'] },
  { key: 'uy-ban-kiem-tra', phrases: ['uy ban kiem tra huyen uy', 'uy ban kiem tra'] },
  { key: 'van-phong', phrases: ['van phong huyen uy'] },
  {
    key: 'ngoai',
    phrases: [
      'bo chinh tri', 'ban bi thu', 'ban chap hanh trung uong', 'trung uong', 'chinh phu', 'quoc hoi',
      'ban thuong vu tinh uy', 'thuong truc tinh uy', 'ban dan van tinh uy', 'tinh uy', 'ubnd tinh', 'hdnd tinh', 'uy ban mttq tinh',
    ],
    external: true,
  },
];

/** Words before a body that name a person or office of it: "chủ tịch UBND", "lãnh đạo Ủy ban MTTQ". */
export const ROLE_PREFIXES = ['ban thuong truc', 'pho chu tich', 'chu tich', 'lanh dao', 'thu truong', 'nguoi dung dau', 'truong ban', 'pho bi thu', 'bi thu', 'can bo'];

/**
 * "Cấp ủy" acts through different bodies: a meeting is held by its standing office
 * (Thường trực; a commune's Đảng ủy itself), a registration or a report goes to the
 * collective body (Ban Thường vụ; a commune's Đảng ủy). Folded fragments of body names.
 */
export const PARTY_COMMITTEE = {
  acting: ['thuong truc', 'dang uy'],
  collective: ['ban thuong vu', 'dang uy'],
} as const;

/**
 * A level word after a body ("các cấp", "cùng cấp", "huyện", "các xã, thị trấn"): a level id
 * of the directory, every level, or the level of the unit at hand. The words themselves are
 * the directory's (`levels`, `levelWords`): drafting/actors.ts `levelWordsOf`.
 */
export type LevelWord = UnitLevel | 'all' | 'same';

/** Where a duty happens that places it at the grassroots units (the communes): "ở các khu dân cư". */
export const GRASSROOTS_PLACES = 'o (?:cac )?(?:khu dan cu|thon|to dan pho|ban|co so)';

// ─── How often ───────────────────────────────────────────────────────────────
// With diacritics (lower case): folded, "mới quy chế" would read as "mỗi quý" and "theo
// quy định" as "theo quý".

type Recurring = Exclude<Recurrence, 'once'>;

/** A unit of time after "hằng", "mỗi", "định kỳ": "quý", "tháng", "năm", "6 tháng". */
export const PERIOD_WORDS: Record<string, Recurring> = { 'tháng': 'monthly', 'quý': 'quarterly', 'quí': 'quarterly', '6 tháng': 'half-yearly', 'sáu tháng': 'half-yearly', 'năm': 'annual' };
const PERIOD = '6 tháng|sáu tháng|tháng|quý|quí|năm';

/** "Định kỳ hằng quý, năm", "hằng tháng", "mỗi năm": a list of units after the recurrence word (lower case). */
export const RECURRENCE_LIST = `(?:định kỳ\\s+)?(?:hằng|hàng|mỗi|định kỳ)\\s+(${PERIOD})((?:\\s*(?:,|và|hoặc)\\s*(?:${PERIOD})(?![\\p{L}\\p{N}]))*)`;

/** Phrases that are a recurrence by themselves (lower case). */
export const RECURRENCE_PHRASES: ReadonlyArray<{ phrase: string; recurrence: Recurring }> = [
  { phrase: 'sơ kết 6 tháng|sơ kết sáu tháng|6 tháng một lần|sáu tháng một lần|6 tháng đầu năm|6 tháng cuối năm|nửa năm', recurrence: 'half-yearly' },
  { phrase: 'quý một lần|theo quý', recurrence: 'quarterly' },
  { phrase: '(?<!(?:\\d|sáu|hai|ba) )tháng một lần', recurrence: 'monthly' },
  { phrase: '(?<!(?:\\d|hai|ba|năm) )năm một lần|tổng kết năm|cuối mỗi năm', recurrence: 'annual' },
];

/** "6 tháng" alone, not a span of time ("trong 6 tháng", "sau 6 tháng") (lower case). */
export const SIX_MONTHS = '(?<!(?:trong|sau|vòng|qua|trước|hơn) )(?:6|sáu) tháng';

/** A recurrence dondoc does not run: said in the review section. */
export const UNSUPPORTED_RECURRENCE = 'hang tuan|moi tuan|tuan mot lan|hang ngay';

/** "Định kỳ" without saying how often. */
export const BARE_PERIODIC = 'dinh ky';

// ─── By when ─────────────────────────────────────────────────────────────────

/** A word that makes the date after it a deadline, not a reference ("Kết luận … ngày 09/7/2021"). */
export const DEADLINE_CUE = '(?:truoc|cham nhat|han chot|khong qua|xong truoc|hoan thanh truoc|xong trong|hoan thanh trong|xong|hoan thanh|trong|den het|ket thuc trong)';

/** Dates without a time limit that still press: the due date is a proposal. */
export const URGENT = 'khan truong|ngay sau khi|som|kip thoi';

// ─── What kind ───────────────────────────────────────────────────────────────

/** The kind of a duty by its words, in order: the first that matches wins. */
export const KIND_WORDS: ReadonlyArray<{ kind: ObligationKind; pattern: string; word: string }> = [
  { kind: 'registration', pattern: 'dang ky', word: 'dang-ky' },
  { kind: 'report', pattern: 'bao cao(?! vien)|tong hop ket qua', word: 'bao-cao' },
  // Inviting others to an event someone else holds (the chair's citizen reception): due before it.
  { kind: 'invitation', pattern: 'moi(?: [^.;]{0,80}?)? (?:tham du|du)', word: 'moi-du' },
  { kind: 'meeting', pattern: 'giao ban', word: 'giao-ban' },
  { kind: 'meeting', pattern: 'tiep dan|tiep cong dan', word: 'tiep-dan' },
  { kind: 'meeting', pattern: 'lam viec voi|doi thoai|hoi nghi|toa dam|so ket|tong ket', word: 'lam-viec' },
  { kind: 'event', pattern: 'ngay hoi|le ky niem|ky niem|hoi thi|hoi dien|dien dan|ngay truyen thong', word: 'ngay-hoi' },
];

/** A one-off deliverable: a verb and, a few words on, the document it makes. */
export const DELIVERABLE_VERBS = 'xay dung|ban hanh|sua doi|bo sung|ra soat|de xuat|kien toan|tham muu ban hanh';
export const DELIVERABLE_NOUNS = 'ke hoach|chuong trinh|quy che|de an|quy dinh|huong dan|phuong an|co che|du toan';

/** Funding and means of work: a duty of each budget year. */
export const BUDGET = '(?:bo tri|bao dam|dam bao|cap)(?:,?\\s+[^\\s.;]+){0,2}?\\s+kinh phi';

/** An indicator: a share raised or reached, or a figure in per cent. */
export const INDICATOR_RAISE = '(?:nang|tang|nang cao|phan dau nang|phan dau tang|giam)\\s+ty le';
export const INDICATOR_TARGET = '(dat|tren|it nhat|khong duoi|toi thieu|duoi|khong qua|toi da|xuong duoi|con duoi)?\\s*(?:tu\\s+)?(\\d+(?:[,.]\\d+)?)\\s*%\\s*(tro len|tro xuong)?';

/** "nếu thấy cần thiết": a period may pass without the duty, with a reason. */
export const WAIVABLE = 'neu thay can thiet|neu can thiet|khi can thiet|neu co|khi co yeu cau';

/** One occurrence per body, not one for all: "mỗi tổ chức", and each body's own implementation plan. */
export const EACH = '(?<!của )(?:mỗi|từng)\\s+(?:tổ chức|cơ quan|đơn vị|đoàn thể|hội|cấp ủy)';
export const OWN_PLAN = 'xay dung ke hoach thuc hien|cua (?:to chuc|don vi|co quan) minh';

/** A duty that goes on ("tích cực tuyên truyền"): launched once, then summed up every year. */
export const STANDING = 'tich cuc|thuong xuyen|tiep tuc|thuong xuyen|lien tuc';

/** Who watches over the whole plan: "theo dõi, đôn đốc, kiểm tra … việc thực hiện Kế hoạch". */
export const MONITORING = '(?:theo doi|don doc|kiem tra|giam sat)(?:,?\\s+(?:theo doi|don doc|kiem tra|giam sat))+\\s+(?:viec )?(?:thuc hien|trien khai)';

/** Words that may come before the subject of a sentence without being it (lower case: "mỗi" may, "mời" may not). */
export const SUBJECT_LEAD = `(?:định kỳ|giao|đề nghị|yêu cầu|hằng|hàng|mỗi|${PERIOD}|và|,|\\s)*`;

/** Participants follow these words, maybe a role between (with diacritics: "mời" invites, "mỗi" is each). */
export const TOWARDS = '(?:với|mời|cho|cùng|đến)';
/** …or come right after these: "gửi Ban Dân vận", "báo cáo kết quả về Ban Tuyên giáo", "báo cáo Thường trực Huyện ủy". */
export const SENT_TO = '(?:gửi về|gửi|về|báo cáo)';

/** Head words of bodies: a clause starting with one names a body, known to the directory or not. */
export const UNKNOWN_BODY_HEADS = 'Ban|Phòng|Công an|Trung tâm|Văn phòng|Sở|Bộ|Viện|Trường|Tòa án|Toà án|Chi cục|Đội|Hạt|Kho bạc|Bảo hiểm|Ngân hàng|Thanh tra|Hội';

/** Days of the year that plans name by their name. */
export const KNOWN_DAYS: ReadonlyArray<{ phrase: string; month: number; day: number; why: string }> = [
  { phrase: 'ngay hoi dai doan ket', month: 11, day: 18, why: 'ngày truyền thống Mặt trận Tổ quốc Việt Nam' },
  { phrase: 'ngay phu nu viet nam', month: 10, day: 20, why: 'ngày Phụ nữ Việt Nam' },
  { phrase: 'ngay thanh lap doan', month: 3, day: 26, why: 'ngày thành lập Đoàn TNCS Hồ Chí Minh' },
  { phrase: 'ngay thanh lap hoi nong dan', month: 10, day: 14, why: 'ngày thành lập Hội Nông dân Việt Nam' },
  { phrase: 'ngay thanh lap hoi cuu chien binh', month: 12, day: 6, why: 'ngày thành lập Hội Cựu chiến binh Việt Nam' },
  { phrase: 'ngay dan van', month: 10, day: 15, why: 'ngày truyền thống công tác dân vận' },
];
