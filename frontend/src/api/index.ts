// The frontend's only door to the backend. Features import from here.
export * from "./types";
export { ApiError, toApiError, type ErrorCode } from "./errors";
export * as network from "./network";
export * as journal from "./journal";
export * as activity from "./activity";
export * as imports from "./imports";
export * as backup from "./backup";
export * as history from "./history";
export * as recovery from "./recovery";
export * as encryption from "./encryption";
export * as drafts from "./drafts";
export * as views from "./views";
export * as contexts from "./contexts";
export * as goals from "./goals";
export * as search from "./search";
export * as images from "./images";
export * as debug from "./debug";
export {
  fetchNetwork,
  fetchNetworkAt,
  fetchNetworkChange,
  fetchNetworkSubset,
  MAX_SUBSET_IDS,
  fetchJournal,
  fetchHistory,
  fetchHistoryDiff,
  MAX_HISTORY_PAGE,
  previewFiles,
  exportUrl,
  type JournalQuery,
} from "./http";
export type { NetworkSubset } from "./columnar";
export { fetchDayCounts, localZone, MAX_DAY_COUNT_DAYS, type DayCount, type DayCounts } from "./journalDays";
export { onNetworkChanged, onJournalChanged, onImportProgress, onImportFinished, onImportPreview, onHistoryChanged, onFilesDropped } from "./events";
export { decodeStep, decodeHistoryChanged } from "./historyDecode";
export { hasBackend, nativeFileDrop } from "./bridge";
