/** The trigger tag that says which environment a trigger deploys; the policy pack reads it like a label. */
export function environmentTag(environment: string): string {
    return `environment-${environment}`;
}
