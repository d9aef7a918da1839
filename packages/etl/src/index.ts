/** Feed parsers, cleansing, identity resolution and loaders live here; the test-data generator is `@dangol/etl/generator`. */
export {};
