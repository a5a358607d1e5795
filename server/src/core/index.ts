/** The core's public surface, shared by the CLI and the language server. */
export { checkPlan, isBlankPlan, type CheckOptions, type CheckResult } from './engine.js';
export { parsePlan, type PlanModel, type Section } from './parse.js';
export { analyze, type Analysis, type Match } from './match.js';
export { applyEdits, insertedBlock, insertSections, sectionText, templateLines, type Inserted } from './fixes.js';
export { planOnHostedModel } from './evidence.js';
export { RULES, RULES_BY_NAME, type RuleModule } from './rules/index.js';
export { getProfile, guideRefOf, DEFAULT_PROFILE, PROFILE_IDS, ProfileSchema } from './profile/index.js';
export type { Profile, Role } from './profile/schema.js';
export { ProfileFileSchema, buildProfile } from './profile/custom.js';
export { effectiveProfile, type EffectiveProfile, type EffectiveSection } from './effective.js';
export {
  ConfigSchema,
  SettingsSchema,
  ConfigError,
  CONFIG_FILE,
  DEFAULT_INCLUDE,
  defaultConfig,
  resolveConfigFor,
  parseConfigText,
  validate,
  describeValue,
  applySettings,
  isProfilePath,
  loadProfileFile,
  parseProfileText,
  profileOf,
  type ResolvedConfig,
  type PlanlintConfig,
} from './config.js';
export { isPlan, frontMatterMarksPlan } from './plans.js';
export { disableComment } from './suppress.js';
export { LineIndex, countWords, lineBreaks } from './text.js';
export { t, MESSAGES } from './i18n.js';
export { fixAll, insertAllMissing } from './fixall.js';
export { planCoverage, severityCounts, thinSections, type SectionCoverage, type CoverageState, type ChecklistState as CoverageChecklistState, type TopicState, type SeverityCounts } from './coverage.js';
export { checkSplitPlan, findSplitPlan, fixAllSplit, editsByFile, fileOffset, newChapterFile, planIndexChapters, type SplitPlan, type SplitResult } from './split.js';
export type { Finding, Fix, TextEdit, Severity, Span, Lang } from './types.js';
export {
  decodeText,
  encodeText,
  roundTrips,
  describeEncoding,
  ioCause,
  isIoError,
  readFileChecked,
  writeFileIfUnchanged,
  findFilesInTree,
  globBase,
  isInside,
  type EncodingProblem,
  type FoundFile,
  type WriteOutcome,
} from './files.js';
