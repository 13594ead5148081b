/** What the cloudflare policies share: type tokens, subjects of messages and readers of resource properties. */


export const DNS_RECORDS = ["cloudflare:index/dnsRecord:DnsRecord", "cloudflare:index/record:Record"];
