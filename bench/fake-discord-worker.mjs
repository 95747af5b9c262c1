// A worker thread does not inherit this process's TypeScript loader: register it, then load the fake.
import { register } from 'tsx/esm/api';

register();
await import('./fake-discord-thread.ts');
