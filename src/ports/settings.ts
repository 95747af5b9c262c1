/** Small facts kept between runs and shared by replicas. */
export interface SettingsPort {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  /** Stores `key` if absent: true for the one caller (of all replicas) that stored it first. */
  claim(key: string): Promise<boolean>;
  /** Forgets the keys under `prefix` written before `before`. */
  forget(prefix: string, before: Date): Promise<void>;
}
