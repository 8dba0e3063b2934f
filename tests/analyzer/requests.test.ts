/** Names the harness sends the pack, read from URNs as the engine reads them (URN.Name()). */
import { strict as assert } from "node:assert";
import { providerUrn, urnName } from "../../analyzer/requests";

describe("urnName", () => {
  it("is everything after the third ::, which a name may itself contain", () => {
    assert.equal(
      urnName("urn:pulumi:health::govcloud::openstack:index/x:X::health-web"),
      "health-web",
    );
    assert.equal(
      urnName("urn:pulumi:health::govcloud::a$b:c:D::odd::name::here"),
      "odd::name::here",
    );
    assert.equal(urnName("urn:pulumi:health::govcloud::a:b:C::"), "");
  });

  it("keeps a string with fewer than three :: as it is", () => {
    assert.equal(urnName("urn:pulumi:health::govcloud::type"), "urn:pulumi:health::govcloud::type");
    assert.equal(urnName("plain"), "plain");
  });
});

describe("providerUrn", () => {
  it("drops the id after the last ::", () => {
    assert.equal(
      providerUrn("urn:pulumi:s::p::pulumi:providers:openstack::qingdao::1234"),
      "urn:pulumi:s::p::pulumi:providers:openstack::qingdao",
    );
  });
});
