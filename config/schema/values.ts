/** Value checks shared by several sections of the schema, each with the message it gives. */
import { z } from "zod";
import { DIGEST_PATTERN, isPinnedImage } from "../../components/registry/images";
import { show } from "../../common/text";
import { unsafeCharacter } from "../../common/yamlText";

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SERVICE_KEY = /^[a-z]([a-z0-9-]{0,16}[a-z0-9])?$/;
const GCP_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const digest = z.string().regex(DIGEST_PATTERN, {
    error: (issue) => `expected "sha256:" and 64 lowercase hex digits, got ${show(issue.input)}`,
});
export const hostname = z.string().regex(HOSTNAME, {
    error: (issue) => `expected a lowercase DNS hostname such as "app.example.com", got ${show(issue.input)}`,
});
export const gcpName = z.string().regex(GCP_NAME, {
    error: (issue) => `expected lowercase letters, digits and hyphens, starting with a letter, got ${show(issue.input)}`,
});
export const serviceKey = z.string().regex(SERVICE_KEY, {
    error: (issue) => `expected a service name of lowercase letters, digits and hyphens (at most 18), got ${show(issue.input)}`,
});
export const digestPinnedImage = z.string().refine(isPinnedImage, {
    error: (issue) => `expected an image pinned by digest ("<image>@sha256:<64 hex>"), got ${show(issue.input)}`,
});
export const nonEmpty = z.string().min(1, { error: "expected a non-empty string" });
export const projectId = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { error: (issue) => `expected a Google Cloud project id, got ${show(issue.input)}` });
/** Text that YAML 1.1 readers (the Pulumi CLI's) and 1.2 readers (ours) read alike: no controls, no Unicode line breaks. */
export const yamlSafeText = z.string().superRefine((text, context) => {
    const unsafe = unsafeCharacter(text);
    if (unsafe) {
        context.addIssue({ code: "custom", message: `contains ${unsafe}, which YAML readers do not all read alike; use plain text on one line`, input: text });
    }
});
export const secretId = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, {
    error: (issue) => `expected a Secret Manager secret id (letters, digits, "-" and "_"), got ${show(issue.input)}`,
});
