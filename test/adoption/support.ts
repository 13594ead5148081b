/** Variants of the committed estate file and stack files, each breaking one thing, written where the plan can read them. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { estatePath } from "../../adoption/estate/read";
import { edited, PROJECT_DIR } from "../support/stacks";

export const COMMITTED_ESTATE = estatePath(PROJECT_DIR, "tribal-sign-487920-k0");

/** The committed estate as plain data (a fresh copy each call). */
export function committedEstate(): Record<string, any> {
    return parse(fs.readFileSync(COMMITTED_ESTATE, "utf8"));
}

/** The estate resource of `kind` named `name` in `estate`, to edit in place. */
export function estateResource(estate: Record<string, any>, kind: string, name: string): Record<string, any> {
    const found = estate.resources.find((resource: any) => resource.kind === kind && resource.name === name);
    if (!found) {
        throw new Error(`the estate lists no ${kind} ${name}`);
    }
    return found;
}

/** Temporary files, removed by `cleanUp`. */
export class Scratch {
    private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-adoption-"));

    /** The committed estate with `edit` applied, as a file. */
    estate(edit: (estate: Record<string, any>) => void): string {
        const estate = committedEstate();
        edit(estate);
        return this.write(`estate-${fs.readdirSync(this.dir).length}.yaml`, stringify(estate));
    }

    /** The committed stack file of `stack` with `edit` applied, as a file. */
    stack(stack: string, edit: (values: Record<string, any>) => void): string {
        return this.write(`${stack}-${fs.readdirSync(this.dir).length}.yaml`, stringify({ config: edited(stack, edit) }));
    }

    write(name: string, text: string): string {
        const file = path.join(this.dir, name);
        fs.writeFileSync(file, text);
        return file;
    }

    cleanUp(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}
