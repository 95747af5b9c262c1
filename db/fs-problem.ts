/**
 * What a failed file system call says about the path it was given, as words that follow that path
 * ("is not writable"). `making` is what the call tried to create, for a file system that refuses to.
 */
export function fsProblem(error: unknown, making: 'directories' | 'files'): string {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'is not writable';
    case 'EROFS':
      return 'is on a read-only file system';
    case 'ENOTDIR':
      return 'is not a directory';
    case 'ENOENT':
      // The parent exists: a special file system such as /proc.
      return `does not allow new ${making}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'is on a full disk';
    default:
      return `cannot be used (${message})`;
  }
}
