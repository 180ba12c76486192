type Refused = { ok: false; error: string };

/**
 * Reads the file chosen in a file input through `parse`, then clears the input so the same file can be chosen
 * again. A file over `maxBytes` is refused before it is read. Null when nothing was chosen.
 */
export async function readPickedFile<R extends { ok: boolean }>(
  input: HTMLInputElement,
  maxBytes: number,
  /** What a file of the right kind is, for the size refusal: "a report export". */
  kind: string,
  parse: (text: string) => R,
): Promise<{ name: string; result: R | Refused } | null> {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return null;
  if (file.size > maxBytes)
    return {
      name: file.name,
      result: { ok: false, error: `larger than ${Math.round(maxBytes / 2 ** 20)} MB; not ${kind}.` },
    };
  return { name: file.name, result: parse(await file.text()) };
}
