/**
 * The text of a slash command as the user typed it. Slack sends `&`, `<` and `>` as HTML entities and,
 * when the command escapes links, wraps them as `<https://…|label>`; both are undone here.
 */
export function decodeCommandText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>\s]*)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
