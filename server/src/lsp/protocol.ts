/**
 * planlint's extensions to LSP: custom requests, notifications and commands,
 * shared by the server and the VS Code client. Plain data and strings only:
 * the client imports this file, so it must not pull in the server.
 */

/** LSP range (0-based line, UTF-16 character). */
export interface PlainRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export type ChecklistState = 'present' | 'thin' | 'missing';

export interface ChecklistItem {
  /** Guide section id, e.g. `data-privacy`. */
  id: string;
  /** Title in the language of messages (PlanStatus.lang). */
  title: string;
  level: 'required' | 'recommended' | 'optional';
  /** Localised level name. */
  levelLabel: string;
  guideRef: string;
  state: ChecklistState;
  /** The heading that satisfies the section (first one), when present. */
  range?: PlainRange;
  /** The whole plan section, when present. */
  sectionRange?: PlainRange;
  /** The file the section is in, when it is another file of a split plan than the document's. */
  uri?: string;
}

export interface PlanStatus {
  uri: string;
  /** Document version the status was computed on (null for files read from disk). */
  version: number | null;
  /** False when the document is not checked (not a plan, or planlint disabled). */
  isPlan: boolean;
  /** A plan with nothing written yet (front matter or a title at most): no findings, a hint to start. */
  blank: boolean;
  /** Language of messages. */
  lang: 'zh' | 'en';
  /** Language of the plan's text. */
  docLang: 'zh' | 'en';
  /** Every guide section that is not off, in guide order. */
  sections: ChecklistItem[];
  /** Sections present (including thin ones) / all sections. */
  present: number;
  total: number;
  counts: { errors: number; warnings: number; infos: number; hints: number };
  /** The plan's title (a lone H1 that opens it, numbering removed), when it has one. */
  title?: string;
}

export interface StatusParams {
  uri: string;
}

/** Request: the checklist of a document (checks it first when needed). */
export const STATUS_REQUEST = 'planlint/status';
/** Notification server → client after every check of an open document: PlanStatus. */
export const STATUS_NOTIFICATION = 'planlint/status';

export interface SkeletonParams {
  lang: 'zh' | 'en';
}
/** Request: the text of a new plan with the guide's skeleton (front matter, every required and recommended section). */
export const SKELETON_REQUEST = 'planlint/skeleton';

export interface RuleInfo {
  name: string;
  id: string;
  description: string;
  url: string;
}
/** Request: the rules, with localised descriptions and doc links. */
export const RULES_REQUEST = 'planlint/rules';

export interface GuidanceParams {
  uri: string;
  /** Guide section id. */
  section: string;
}

/** What the guide expects of one section, and the text inserting it would write into this plan. */
export interface SectionGuidance extends Pick<ChecklistItem, 'id' | 'title' | 'level' | 'levelLabel' | 'guideRef' | 'state'> {
  uri: string;
  /** Title, level, guide reference, guidance and topics: in the language of messages (`lang`). */
  guidance: string;
  /** Topic titles the guide expects in the section. */
  topics: string[];
  lang: 'zh' | 'en';
  /** Language of the plan's text, which the inserted section is written in. */
  docLang: 'zh' | 'en';
  /**
   * The text COMMANDS.insertSection would insert now (heading, template and any separators), and the 0-based line
   * it would start at; absent when the section is present (nothing would be inserted).
   */
  insert?: { text: string; line: number };
}
/** Request: the guidance of a guide section for a document (GuidanceParams); null when the document is not a plan or the id unknown. */
export const GUIDANCE_REQUEST = 'planlint/guidance';

export interface ReportParams {
  uri: string;
}
/** The plan report of a document: one self-contained HTML page (no script, no URL), in the language of messages. */
export interface PlanReportPage {
  uri: string;
  /** The plan's title, or its file name. */
  title: string;
  html: string;
}
/** Request: the plan report of a document (ReportParams), the page `planlint report` writes; null when it is not a plan. */
export const REPORT_REQUEST = 'planlint/report';
/**
 * Request from the server to the client (ReadFileParams → ReadFileResult | null): the text of a planlint.config.json
 * that is not a file on disk (VS Code for the Web), read through the editor's file system. The client answers only
 * for files of that name; null when there is none or it cannot be read.
 */
export const READ_FILE_REQUEST = 'planlint/readFile';
export interface ReadFileParams {
  uri: string;
}
export interface ReadFileResult {
  text: string;
}

/** workspace/executeCommand commands of the server. Arguments are documented per command. */
export const COMMANDS = {
  /** [uri]: check this Markdown document as a plan from now on. */
  checkAsPlan: 'planlint.checkAsPlan',
  /** [uri]: insert every missing required section (applied with workspace/applyEdit); returns InsertedText or false. */
  insertAllMissing: 'planlint.insertAllMissing',
  /** [uri, sectionId]: insert one guide section; returns InsertedText or false. */
  insertSection: 'planlint.insertSection',
  /** []: check every plan in the workspace folders; returns { files, plans }. */
  checkWorkspace: 'planlint.checkWorkspace',
} as const;

/**
 * Where inserted text landed, in the document after the edit: the whole block, and what to select in it
 * (its first fill-in, or its first line). The arguments of the client's reveal command: [InsertedText].
 */
export interface InsertedText {
  uri: string;
  range: PlainRange;
  select: PlainRange;
}

export interface CheckWorkspaceResult {
  files: number;
  plans: number;
}

export interface InitializationOptions {
  /**
   * When false, the server does not list its commands in executeCommandProvider
   * (the VS Code client registers same-named commands itself and forwards them).
   */
  advertiseCommands?: boolean;
  /**
   * A client command taking [InsertedText]: quick fixes that insert a block (a section, topic prompts) carry it
   * as their command, so that the editor shows and selects what the fix wrote. Unset: fixes carry no command.
   */
  revealCommand?: string;
  /**
   * False: no document symbols (the editor has its own Markdown outline); the guide mapping is shown by code
   * lenses instead. Default true.
   */
  outline?: boolean;
  /** A client command taking [sectionId] that a click on a chapter's code lens runs. Unset: lenses are plain text. */
  lensCommand?: string;
  /**
   * A client command taking [uri, line] (0-based) that opens a line in the editor: the plan report's line links are
   * command URIs running it. Unset: they point at the line's quote on the page.
   */
  reportLineCommand?: string;
  /** True: the client answers planlint/readFile, so config files of documents with no file on disk are read. */
  readFiles?: boolean;
  /** Plans longer than this (UTF-16 code units) are not checked: one information diagnostic says so. Default 1,000,000. */
  maxDocumentChars?: number;
  /** Plans with more lines than this are not checked. Default 50,000. */
  maxDocumentLines?: number;
}
