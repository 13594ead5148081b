/** Secret Manager secrets that already exist and that bilko takes over by import, values untouched. */
export { adoptedSecret, type AdoptedSecretArgs } from "./adoptedSecret";
export { AdoptedSecrets, type AdoptedSecretsArgs } from "./adoptedSecrets";
export { secretImportId } from "./names";
