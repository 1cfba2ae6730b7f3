/** "1 product", "2 products": a count with its English noun, for log lines (pages go through the translations). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? noun : nouns}`;
}
