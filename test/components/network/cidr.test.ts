import * as assert from "assert";
import { isPrivateRange, networkAddress, networkNames, overlaps, parseCidr } from "../../../components/network";

describe("a stack's VPC: ranges and names", () => {
    it("parses a range only when its address is the range's first", () => {
        assert.deepStrictEqual(parseCidr("10.20.0.0/20"), { base: 10 * 2 ** 24 + 20 * 2 ** 16, prefix: 20 });
        for (const bad of ["10.20.1.0/20", "10.20.0.0", "300.0.0.0/8", "10.0.0.0/33", "a.b.c.d/8"]) {
            assert.strictEqual(parseCidr(bad), undefined, bad);
        }
    });

    it("tells private ranges (RFC 1918) and overlaps", () => {
        assert.ok(isPrivateRange(parseCidr("172.20.0.0/16")!));
        assert.ok(!isPrivateRange(parseCidr("172.32.0.0/16")!));
        assert.ok(!isPrivateRange(parseCidr("10.0.0.0/7")!), "wider than 10.0.0.0/8");
        assert.ok(overlaps(parseCidr("10.10.0.0/16")!, parseCidr("10.10.4.0/24")!));
        assert.ok(!overlaps(parseCidr("10.10.0.0/24")!, parseCidr("10.20.0.0/20")!));
    });

    it("gives the reserved range its network address, and names everything after the VPC", () => {
        assert.strictEqual(networkAddress(parseCidr("10.20.0.0/20")!), "10.20.0.0");
        assert.deepStrictEqual(networkNames("bilko-prod"), { network: "bilko-prod", egressSubnet: "bilko-prod-run-egress", serviceRange: "bilko-prod-private-services" });
    });
});
