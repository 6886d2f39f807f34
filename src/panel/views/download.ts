/**
 * Saves text as a file through an `<a download>` on a Blob URL: works in a DevTools panel, an extension tab and a
 * page opened from file://, and needs no `downloads` permission.
 */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  downloadBlob(fileName, new Blob([text], { type: 'application/json' }), doc);
}

export function downloadBlob(fileName: string, blob: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download before the browser has read the Blob (Chrome, Firefox).
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
