/** The drag-and-drop data type carrying a node type from the palette to the canvas. */
export const PALETTE_MIME = 'application/x-chatflow-node-type';
