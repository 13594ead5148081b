/** Recognises environment variables that carry credentials and so must come from Secret Manager. */

const SECRET_LOOKING = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|DATABASE_URL|DSN$|CONNECTION_STRING)/;

/** `NEXT_PUBLIC_*` values are shipped to browsers by design, so they can never be secrets. */
const PUBLIC_BY_DESIGN = /^NEXT_PUBLIC_/;

export function looksLikeSecretName(name: string): boolean {
    const upper = name.toUpperCase();
    return !PUBLIC_BY_DESIGN.test(upper) && SECRET_LOOKING.test(upper);
}
