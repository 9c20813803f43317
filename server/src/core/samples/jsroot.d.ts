// jsroot 7 declares types only for its main entry; the reader types what it uses in root.ts.
declare module 'jsroot/io';
declare module 'jsroot/tree';
