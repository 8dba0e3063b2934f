import { strict as assert } from "node:assert";
import { lineWriter } from "../../deploy/line-writer";

function collected(): { writes: string[]; write: (text: string) => void } {
  const writes: string[] = [];
  return { writes, write: (text) => writes.push(text) };
}

describe("passing the engine's output on a whole line at a time", () => {
  it("holds a piece without a line break until a line is complete", () => {
    const out = collected();
    const writer = lineWriter(out.write);
    writer.write("the token is abc");
    assert.deepEqual(out.writes, []);
    writer.write("def\nnext");
    assert.deepEqual(out.writes, ["the token is abcdef\n"]);
  });

  it("passes on every complete line of a piece at once, and keeps the rest", () => {
    const out = collected();
    const writer = lineWriter(out.write);
    writer.write("one\ntwo\nthr");
    writer.write("ee\n");
    assert.deepEqual(out.writes, ["one\ntwo\n", "three\n"]);
  });

  it("passes on what is left when flushed, once, and nothing when nothing is left", () => {
    const out = collected();
    const writer = lineWriter(out.write);
    writer.write("done\nno break");
    writer.flush();
    writer.flush();
    assert.deepEqual(out.writes, ["done\n", "no break"]);
    writer.write("\n");
    assert.deepEqual(out.writes, ["done\n", "no break", "\n"]);
  });

  it("loses and adds nothing, wherever the pieces are cut", () => {
    const text = "a line\n\nanother\r\nlast without break";
    for (let cut = 0; cut <= text.length; cut++) {
      const out = collected();
      const writer = lineWriter(out.write);
      writer.write(text.slice(0, cut));
      writer.write(text.slice(cut));
      writer.flush();
      assert.equal(out.writes.join(""), text, `cut at ${cut}`);
      for (const written of out.writes.slice(0, -1)) assert.ok(written.endsWith("\n"), written);
    }
  });
});
