/**
 * The migrator image's entrypoint: runs Flyway with the job's arguments. When the job gives no FLYWAY_PASSWORD but the
 * connection URL the app reads (`scheme://user:password@host/...`, as DATABASE_URL), it takes the password from the
 * URL, percent-decoded, so an adopted user's live password reaches Flyway without bilko ever storing it elsewhere.
 * POSIX sh and awk only: the Flyway image has no bash.
 */

/** Where the entrypoint lives in the migrator image. */
export const MIGRATOR_ENTRYPOINT = "/flyway/bilko-entrypoint.sh";

export function migratorEntrypoint(): string {
    return [
        `#!/bin/sh`,
        `# bilko's migrator: Flyway, with the password from FLYWAY_PASSWORD or from the user:password@ part of DATABASE_URL.`,
        `set -eu`,
        `if [ -z "\${FLYWAY_PASSWORD:-}" ] && [ -n "\${DATABASE_URL:-}" ]; then`,
        `    rest=\${DATABASE_URL#*://}`,
        `    userinfo=\${rest%%@*}`,
        `    if [ "$userinfo" = "$rest" ] || [ "\${userinfo#*:}" = "$userinfo" ]; then`,
        `        echo "migrator: DATABASE_URL has no user:password@ part, so Flyway has no password" >&2`,
        `        exit 2`,
        `    fi`,
        `    FLYWAY_PASSWORD=$(printf '%s' "\${userinfo#*:}" | awk '`,
        `        BEGIN { hex = "0123456789abcdef" }`,
        `        {`,
        `            out = ""; s = $0`,
        `            while (length(s) > 0) {`,
        `                c = substr(s, 1, 1)`,
        `                h = index(hex, tolower(substr(s, 2, 1))) - 1`,
        `                l = index(hex, tolower(substr(s, 3, 1))) - 1`,
        `                if (c == "%" && length(s) >= 3 && h >= 0 && l >= 0) { out = out sprintf("%c", h * 16 + l); s = substr(s, 4) }`,
        `                else { out = out c; s = substr(s, 2) }`,
        `            }`,
        `            printf "%s", out`,
        `        }')`,
        `    export FLYWAY_PASSWORD`,
        `fi`,
        `exec flyway "$@"`,
    ].join("\n") + "\n";
}
