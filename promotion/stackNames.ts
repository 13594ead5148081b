/** How stacks are named to Pulumi: by the program's stack references and by the promotion tools' CLI reads alike. */

/** Stack-reference names: `<organization>/<project>/<stack>`. */
export function stackReferenceName(organization: string, project: string, stack: string): string {
    return `${organization}/${project}/${stack}`;
}

/**
 * The `--stack` the promotion tools pass to the Pulumi CLI: qualified exactly as the program's stack references are
 * when `bilko:organization` is set; otherwise plain, which the CLI qualifies with its default organization and the
 * project of the working directory (the organization the program's references use when they run under it).
 */
export function cliStackName(organization: string | undefined, project: string, stack: string): string {
    return organization ? stackReferenceName(organization, project, stack) : stack;
}
