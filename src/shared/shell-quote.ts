// One argument for a POSIX shell: the ssh command line sent to a login node, the batch
// script, and the commands the CLI prints for the user to paste ("Continue with: ...").

/** 'it'\''s' stays it's; plain words are left bare. */
export const shellQuote = (arg: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)
