/** The connection URL apps read as `DATABASE_URL`, rendered from the stack's template when bilko writes it. */
import { CLOUD_SQL_MOUNT_PATH } from "../workload/env";
import type { CONNECTION_URL_PLACEHOLDERS } from "./rules";

export type ConnectionUrlValues = Record<(typeof CONNECTION_URL_PLACEHOLDERS)[number], string>;

/** `{user}`, `{password}`, `{database}`, `{connectionName}` and `{socket}` (`/cloudsql/<connection name>`) filled in. */
export function renderConnectionUrl(template: string, values: Omit<ConnectionUrlValues, "socket">): string {
    const all: ConnectionUrlValues = { ...values, socket: `${CLOUD_SQL_MOUNT_PATH}/${values.connectionName}` };
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in all ? all[name as keyof ConnectionUrlValues] : whole));
}
