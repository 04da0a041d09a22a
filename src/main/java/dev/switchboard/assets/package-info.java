/**
 * Static files: the browser client's modules are linked by content-hashed URLs, through
 * the import map every page carries, so browsers may cache them for long.
 */
package dev.switchboard.assets;
