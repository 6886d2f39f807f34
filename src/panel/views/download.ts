/**
 * Saves text as a file through an `<a download>` on a Blob URL: works in a DevTools panel, an extension tab and a
 * page opened from file://, and needs no `downloads` permission.
 */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
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
