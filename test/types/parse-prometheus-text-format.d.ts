declare module 'parse-prometheus-text-format' {
  /** prom2json's shape: one entry per metric family. */
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
