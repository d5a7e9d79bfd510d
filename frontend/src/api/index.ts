// The frontend's only door to the backend. Features import from here.
export * from "./types";
export { ApiError, toApiError, type ErrorCode } from "./errors";
export * as network from "./network";
export * as journal from "./journal";
export * as imports from "./imports";
export * as backup from "./backup";
export { fetchNetwork, fetchNetworkSubset, MAX_SUBSET_IDS, fetchJournal, importFile, type JournalQuery } from "./http";
export type { NetworkSubset } from "./columnar";
export { onNetworkChanged, onJournalChanged, onImportProgress, onImportFinished } from "./events";
export { hasBackend, nativeFileDrop } from "./bridge";
