import type { Locator, Page } from 'playwright-core';

/** A node on the canvas by its id. */
export function node(page: Page, id: string): Locator {
  return page.locator(`[data-testid="node-${id}"]`);
}

/** Drags a node type from the palette and drops it at `at` (pixels from the canvas's top-left). */
export async function dropFromPalette(page: Page, type: string, at: { x: number; y: number }): Promise<void> {
  await page.dragAndDrop(`[data-testid="palette-${type}"]`, '[data-testid="canvas"] .react-flow__pane', { targetPosition: at });
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Connects an exit of one node to another node by dragging between their handles, as a person does. */
export async function connect(page: Page, from: string, exit: string, to: string): Promise<void> {
  const start = await centre(node(page, from).locator(`.react-flow__handle.source[data-handleid="${exit}"]`));
  const end = await centre(node(page, to).locator('.react-flow__handle.target'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}
