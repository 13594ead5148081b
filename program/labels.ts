/** Labels every Google Cloud resource carries; policies read them instead of the stack name. */

export type Labels = Record<string, string>;

export function stackLabels(app: string, environment: string): Labels {
    return { environment, app };
}

export function serviceLabels(app: string, environment: string, service: string, isPublic: boolean): Labels {
    return { ...stackLabels(app, environment), service, public: String(isPublic) };
}
