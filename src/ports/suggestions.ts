/** What to offer as the user types (autocomplete), at most 25 each. */
export interface SuggestionsPort {
  labs(typed: string): Promise<string[]>;
  orgs(typed: string): Promise<string[]>;
  models(typed: string): Promise<string[]>;
}
