/**
 * A form's answer as the page shows it: once the form takes input again. Remix hands a fetcher its action's answer
 * before the page's data has reloaded, and the form's button spins (disabled) until that reload ends; a merchant who
 * read an error then and pressed Enter at once would send nothing, with nothing said. So an error or a "Saved" appears
 * when the form can be sent again.
 */
export function formAnswer<T>(fetcher: { state: "idle" | "loading" | "submitting"; data?: T }): T | undefined {
  return fetcher.state === "idle" ? fetcher.data : undefined;
}
