// Saving an image of the map the page drew (features/network/ExportImageMenu.svelte).
import { invoke } from "./bridge";

/**
 * SaveImageDialog: the native save dialog, then the image written there
 * (App.SaveImageDialog; name ends in .png or .svg, data is the file in
 * base64). Resolves with the path written ("" if cancelled). Only in the
 * Wails window: a browser saves the image as a download.
 */
export const SaveImageDialog = (name: string, dataBase64: string) => invoke<string>("main", "App", "SaveImageDialog", name, dataBase64);
