/**
 * The Hub imported its oldest repos on 2022-03-02 and gave them all that moment (23:29:04 or :05) as
 * their creation time. A historical release of such repos is undated and filed under this moment.
 */
export const LEGACY_IMPORT_DATE = new Date('2022-03-02T23:29:04.000Z');
