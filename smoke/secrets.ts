/**
 * The login secrets of a smoke test: from a directory the pipeline filled (one file per secret id), or straight from
 * Secret Manager with the caller's gcloud credentials. Credentials are never in the stack file.
 */
import * as fs from "fs";
import * as path from "path";
import { gcloud } from "../common/gcloud";

export class SecretUnavailable extends Error {}

export async function readSecrets(ids: readonly string[], source: { dir?: string; project: string }): Promise<Map<string, string>> {
    const values = new Map<string, string>();
    for (const id of new Set(ids)) {
        try {
            values.set(id, source.dir ? fs.readFileSync(path.join(source.dir, id), "utf8") : await gcloud(["secrets", "versions", "access", "latest", "--secret", id, "--project", source.project]));
        } catch (error) {
            const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? `no file ${path.join(source.dir ?? "", id)}` : (error as Error).message;
            throw new SecretUnavailable(`cannot read smoke login secret "${id}": ${reason}`);
        }
    }
    return values;
}
