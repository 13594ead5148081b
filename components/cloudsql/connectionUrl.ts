/** The connection URL apps read as `DATABASE_URL`, rendered from the stack's template when bilko writes it. */
import { CLOUD_SQL_MOUNT_PATH } from "../workload/env";
import type { CONNECTION_URL_PLACEHOLDERS } from "./rules";

export type ConnectionUrlValues = Record<(typeof CONNECTION_URL_PLACEHOLDERS)[number], string>;

export interface ConnectionUrlInput extends Omit<ConnectionUrlValues, "socket" | "host"> {
    /** The instance's private IP when it has no public one: apps reach it over TCP there instead of the socket. */
    privateIp?: string;
}

/**
 * `{user}`, `{password}`, `{database}`, `{connectionName}`, `{socket}` (`/cloudsql/<connection name>`) and `{host}`
 * (the private IP, else the socket directory) filled in.
 */
export function renderConnectionUrl(template: string, input: ConnectionUrlInput): string {
    const { privateIp, ...values } = input;
    const socket = `${CLOUD_SQL_MOUNT_PATH}/${values.connectionName}`;
    const all: ConnectionUrlValues = { ...values, socket, host: privateIp ?? socket };
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in all ? all[name as keyof ConnectionUrlValues] : whole));
}
