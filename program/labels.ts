/** Labels every Google Cloud resource carries; policies read them instead of the stack name. */
import type { Environment } from "../config";

export type Labels = Record<string, string>;

export function stackLabels(app: string, environment: Environment): Labels {
    return { environment, app };
}

export function serviceLabels(app: string, environment: Environment, service: string, isPublic: boolean): Labels {
    return { ...stackLabels(app, environment), service, public: String(isPublic) };
}
