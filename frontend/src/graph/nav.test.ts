import { describe, expect, it } from "vitest";
import { isArrow, neighbourToward } from "./nav";

const o = { x: 100, y: 100 };

describe("neighbourToward", () => {
  const around = [
    { id: "right", x: 200, y: 110 },
    { id: "up", x: 95, y: 20 },
    { id: "down", x: 100, y: 300 },
    { id: "left", x: 10, y: 100 },
  ];
  it("picks the neighbour in each arrow's direction (viewport: up is -y)", () => {
    expect(neighbourToward(o, around, "ArrowRight")).toBe("right");
    expect(neighbourToward(o, around, "ArrowUp")).toBe("up");
    expect(neighbourToward(o, around, "ArrowDown")).toBe("down");
    expect(neighbourToward(o, around, "ArrowLeft")).toBe("left");
  });
  it("prefers straight ahead to a slightly nearer node off to the side", () => {
    const c = [
      { id: "ahead", x: 200, y: 100 },
      { id: "side", x: 170, y: 150 }, // ~58° off, 86 px
    ];
    expect(neighbourToward(o, c, "ArrowRight")).toBe("ahead");
  });
  it("is null when nothing lies within 60° of the arrow, or there is nothing", () => {
    expect(neighbourToward(o, [{ id: "a", x: 100, y: 200 }], "ArrowRight")).toBeNull();
    expect(neighbourToward(o, [], "ArrowUp")).toBeNull();
    expect(neighbourToward(o, [{ id: "same", x: 100, y: 100 }], "ArrowUp")).toBeNull();
  });
  it("knows the arrow keys", () => {
    expect(isArrow("ArrowUp")).toBe(true);
    expect(isArrow("a")).toBe(false);
    expect(isArrow("toString")).toBe(false);
  });
});
