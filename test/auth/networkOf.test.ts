// Counting by network: an IPv6 subscriber gets a whole /64, so rotating addresses in it must not
// reset the sign-in and sign-up limits.
import { expect, test } from "vitest";
import { networkOf } from "../../server/auth/throttle";

test.each([
  ["203.0.113.9", "203.0.113.9"],
  ["::ffff:203.0.113.9", "203.0.113.9"],
  ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
  ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
  ["2001:0db8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
  ["2001:db8::1", "2001:db8:0:0::/64"],
  ["[2001:db8:1:2::9]", "2001:db8:1:2::/64"],
  ["fe80::1%eth0", "fe80:0:0:0::/64"],
  ["::1", "0:0:0:0::/64"],
  ["unknown", "unknown"],
])("%s counts as %s", (address, network) => {
  expect(networkOf(address)).toBe(network);
});

test("two addresses of one /64 are one network; of neighbouring /64s, two", () => {
  expect(networkOf("2001:db8:aa:bb::1")).toBe(networkOf("2001:db8:aa:bb:ffff:ffff:ffff:ffff"));
  expect(networkOf("2001:db8:aa:bb::1")).not.toBe(networkOf("2001:db8:aa:bc::1"));
});
