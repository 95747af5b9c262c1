import type { Reply } from '../../commands/types.js';
import { plainReply } from '../../src/platforms/plain-reply.js';
import type { NoticeAdapter } from '../../src/platforms/platform.js';

export interface RecordedPost {
  destination: string;
  kind: 'alert' | 'digest' | 'notice';
  /** The notice as plain text, or the alert's release title. */
  text: string;
  reply?: Reply;
  key: string;
}

/** A platform (`test`) that keeps what it was asked to post, per destination. */
export function createNoticeRecorder(): NoticeAdapter & {
  posts: RecordedPost[];
  to(destination: string): RecordedPost[];
  /** The next sends fail with these errors, in turn. */
  failures: Error[];
} {
  const posts: RecordedPost[] = [];
  const failures: Error[] = [];
  function keep(post: RecordedPost) {
    const failure = failures.shift();
    if (failure) return Promise.reject(failure);
    posts.push(post);
    return Promise.resolve({ ref: `test-${posts.length}` });
  }
  return {
    platform: 'test',
    posts,
    failures,
    to: (destination) => posts.filter((p) => p.destination === destination),
    postAlert: (destination, release, key) => keep({ destination, kind: 'alert', text: release.title, key }),
    postDigest: (destination, releases, key) =>
      keep({ destination, kind: 'digest', text: releases.map((r) => r.title).join('\n'), key }),
    postNotice: (destination, reply, key) =>
      keep({ destination, kind: 'notice', text: plainReply(reply, (ref) => ref.command.join(' ')), reply, key }),
  };
}
