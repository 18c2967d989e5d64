import "@testing-library/jest-dom";
import { TextDecoder, TextEncoder } from "node:util";
import { configure } from "@testing-library/react";

// The suite runs beside LibreOffice conversions on a two-core machine: give the UI time to settle.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no ResizeObserver; Fluent UI components observe their size.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// jsdom has no TextDecoder or TextEncoder; browsers and Office's webviews do.
globalThis.TextDecoder ??= TextDecoder as unknown as typeof globalThis.TextDecoder;
globalThis.TextEncoder ??= TextEncoder as unknown as typeof globalThis.TextEncoder;
