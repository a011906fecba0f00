// Saves text as a file from the page: a Blob behind an object URL and a link with `download`.
// Works in the browser-served console and in Electron (where main's session shows the save
// dialog); needs no eval and no network, so the CSP stays as it is.

/** Long enough for the browser to start reading the blob; the URL is freed after. */
const REVOKE_AFTER_MS = 60_000;

export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  // Attached for the click: some browsers ignore clicks on links outside the document.
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
