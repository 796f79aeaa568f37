/**
 * async-db: makes database access awaited, and everything that calls it async, to a fixpoint (issue #17).
 *
 *   npx tsx tools/codemods/async-db.ts                 rewrite server/ imports/ schema/ test/ bench/
 *   npx tsx tools/codemods/async-db.ts FILE…           rewrite only these files (the whole project is still typechecked)
 *   npx tsx tools/codemods/async-db.ts --check [FILE…] change nothing; list what it would change, exit 1 if anything
 *
 * Re-runnable and idempotent: at merge time run it over the files other branches changed (`git diff --name-only
 * main...HEAD -- '*.ts'`), then `npx tsc --noEmit -p .`. Each pass typechecks the project and
 *  - awaits every Drizzle query terminal (.all() .get() .run() .values()) and every better-sqlite3 statement call;
 *  - awaits every call of a project function that returns a Promise when its value is used or dropped
 *    (not when it is returned, awaited, voided, chained with .then/.catch/.finally, handed to Promise.all/race/…,
 *    or passed where a Promise is expected; a variable later awaited or collected is left alone);
 *  - marks the enclosing function `async`, its declared return type `T` → `Promise<T>`, and a declared function
 *    type it implements (an interface member, a type alias) likewise when that is in the project;
 *  - marks `async` a function whose declared (contextual) return type is a Promise but which returns plainly;
 *  - rewrites `xs.forEach((x[, i]) => …)` statements whose callback became async into `for … of` loops.
 * It reports (file:line, exit code 1 in --check) what needs a person: async callbacks of .map/.filter/.some/.find/
 * .reduce/…, getters and constructors that would have to become async, sync Drizzle transactions around awaits.
 *
 * Synchronous on purpose: a function (or a whole file, in its first comment) carrying the tag `@db-sync` keeps
 * its database calls synchronous — the SQLite bulk loaders (prepared statements in per-batch transactions),
 * the re-check worker's own connection. Its callers still see a plain value.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIRS = ['server', 'imports', 'schema', 'test', 'bench'];
/** Tests of the engines themselves: they hold promises on purpose (concurrent transactions, expected rejections). */
const HAND_HELD = ['test/server/db/'];
const DB_TERMINALS = new Set(['all', 'get', 'run', 'values']);
const ARRAY_CALLBACKS = new Set(['map', 'forEach', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'reduce', 'flatMap', 'sort', 'toSorted']);
const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'race', 'any', 'resolve']);
const SYNC_TAG = '@db-sync';

interface Edit {
  pos: number;
  end: number;
  text: string;
}

const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--')).map((f) => path.resolve(f));

function targets(program: ts.Program): ts.SourceFile[] {
  return program.getSourceFiles().filter((sf) => {
    const f = path.resolve(sf.fileName);
    if (f.includes(`${path.sep}node_modules${path.sep}`) || sf.isDeclarationFile) return false;
    if (only.length) return only.includes(f);
    const rel = path.relative(ROOT, f);
    if (HAND_HELD.some((d) => rel.startsWith(d))) return false;
    return DIRS.some((d) => rel.startsWith(`${d}${path.sep}`));
  });
}

function loadProgram(old?: ts.Program): ts.Program {
  const configFile = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, oldProgram: old });
}

const inProject = (file: string) => !file.includes(`${path.sep}node_modules${path.sep}`) && !file.includes('/node_modules/');

type FnLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ConstructorDeclaration;

function enclosingFunction(node: ts.Node): FnLike | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n as FnLike;
  return undefined;
}

function hasSyncTag(node: ts.Node, sf: ts.SourceFile): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isVariableStatement(n) || ts.isClassDeclaration(n)) {
      const ranges = ts.getLeadingCommentRanges(sf.text, n.getFullStart()) ?? [];
      if (ranges.some((r) => sf.text.slice(r.pos, r.end).includes(SYNC_TAG))) return true;
    }
  }
  const first = ts.getLeadingCommentRanges(sf.text, 0) ?? [];
  return first.some((r) => sf.text.slice(r.pos, r.end).includes(SYNC_TAG));
}

function isPromiseType(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some((t) => isPromiseType(checker, t));
  const name = type.getSymbol()?.getName();
  return name === 'Promise' || name === 'PromiseLike';
}

/** a Drizzle query terminal or a better-sqlite3 statement call */
function isDbCall(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression) || !DB_TERMINALS.has(call.expression.name.text)) return false;
  if (call.expression.name.text === 'values' && call.arguments.length) return false; // insert(…).values(rows) builds, .values() runs
  const decl = checker.getResolvedSignature(call)?.getDeclaration();
  const file = decl?.getSourceFile().fileName ?? '';
  return /[\\/]drizzle-orm[\\/](sqlite-core|better-sqlite3)[\\/]/.test(file);
}

/** a call of a function declared in the project whose result is a Promise */
function isProjectPromiseCall(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  if (!isPromiseType(checker, checker.getTypeAtLocation(call))) return false;
  const decl = checker.getResolvedSignature(call)?.getDeclaration();
  return !!decl && inProject(decl.getSourceFile().fileName);
}

/** Whether a promise-valued expression is consumed as a promise where it stands (so no await belongs here). */
function consumed(checker: ts.TypeChecker, call: ts.Expression): boolean {
  let node: ts.Node = call;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) {
    node = parent;
    parent = parent.parent;
  }
  const expectsPromise = () => {
    const ctxType = checker.getContextualType(node as ts.Expression);
    return !!ctxType && isPromiseType(checker, ctxType);
  };
  // returned from inside try { } (with catch or finally): the promise must settle before the try ends
  if (ts.isReturnStatement(parent)) return !insideTry(parent);
  if (ts.isAwaitExpression(parent) || ts.isVoidExpression(parent) || ts.isYieldExpression(parent)) return true;
  if (ts.isArrowFunction(parent) && parent.body === node) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node && ['then', 'catch', 'finally'].includes(parent.name.text)) return true;
  if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
    const callee = parent.expression;
    if (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'Promise' &&
      PROMISE_COMBINATORS.has(callee.name.text)
    )
      return true;
    // expect(promise).rejects / .resolves
    const chained = parent.parent;
    if (ts.isIdentifier(callee) && callee.text === 'expect' && ts.isPropertyAccessExpression(chained) && ['rejects', 'resolves'].includes(chained.name.text))
      return true;
    // a parameter typed by the call's own type parameter (c.json<T>(x: T), expect<T>(x: T)) is inferred from the
    // promise itself, so it does not count; one bound elsewhere (Map<K, Promise<V>>.set) does
    const decl = checker.getResolvedSignature(parent)?.getDeclaration();
    const i = parent.arguments.indexOf(node as ts.Expression);
    const param = decl?.parameters ? decl.parameters[Math.min(i, decl.parameters.length - 1)] : undefined;
    const own = new Set((decl?.typeParameters ?? []).map((t) => t.name.text));
    if (param?.type && ts.isTypeReferenceNode(param.type) && ts.isIdentifier(param.type.typeName) && own.has(param.type.typeName.text)) return false;
    return expectsPromise();
  }
  if (
    ts.isArrayLiteralExpression(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    ts.isConditionalExpression(parent)
  ) {
    if (ts.isConditionalExpression(parent) && parent.condition === node) return false;
    return expectsPromise() || (ts.isConditionalExpression(parent) && consumed(checker, parent));
  }
  if (ts.isBinaryExpression(parent) && parent.right === node) {
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken)
      return isPromiseType(checker, checker.getTypeAtLocation(parent.left));
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return consumed(checker, parent);
  }
  if (ts.isPropertyDeclaration(parent)) return !!parent.type && isPromiseType(checker, checker.getTypeFromTypeNode(parent.type));
  if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
    if (parent.type) return isPromiseType(checker, checker.getTypeFromTypeNode(parent.type));
    if (!ts.isIdentifier(parent.name)) return false;
    // a variable holding the promise on purpose: every use awaits, chains, returns it or hands it where a promise is expected
    const name = parent.name.text;
    const scope = enclosingFunction(parent) ?? parent.getSourceFile();
    let uses = 0;
    let asPromise = 0;
    const visit = (n: ts.Node) => {
      if (ts.isIdentifier(n) && n.text === name && n !== parent.name && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        uses++;
        const chained = ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && ['then', 'catch', 'finally'].includes(n.parent.name.text);
        if (chained || (!ts.isPropertyAccessExpression(n.parent) && consumed(checker, n))) asPromise++;
      }
      ts.forEachChild(n, visit);
    };
    visit(scope);
    return uses > 0 && uses === asPromise;
  }
  return false;
}

function insideTry(node: ts.Node): boolean {
  for (let n = node; n.parent && !ts.isFunctionLike(n.parent); n = n.parent) if (ts.isTryStatement(n.parent) && n.parent.tryBlock === n) return true;
  return false;
}

function needsParens(call: ts.Expression): boolean {
  const p = call.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.expression === call) ||
    (ts.isElementAccessExpression(p) && p.expression === call) ||
    (ts.isCallExpression(p) && p.expression === call) ||
    ts.isNonNullExpression(p) ||
    ts.isTaggedTemplateExpression(p)
  );
}

function promiseOf(text: string): string {
  return /^Promise</.test(text) ? text : `Promise<${text}>`;
}

interface Pass {
  edits: Map<string, Edit[]>;
  reports: string[];
}

function where(node: ts.Node): string {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(ROOT, sf.fileName)}:${line + 1}`;
}

function runPass(program: ts.Program): Pass {
  const checker = program.getTypeChecker();
  const pass: Pass = { edits: new Map(), reports: [] };
  const madeAsync = new Set<ts.Node>();
  const add = (sf: ts.SourceFile, e: Edit) => {
    const list = pass.edits.get(sf.fileName) ?? [];
    if (!list.some((x) => x.pos === e.pos && x.end === e.end && x.text === e.text)) list.push(e);
    pass.edits.set(sf.fileName, list);
  };
  const report = (node: ts.Node, what: string) => {
    const line = `${where(node)}: ${what}`;
    if (!pass.reports.includes(line)) pass.reports.push(line);
  };
  const targetFiles = new Set(targets(program).map((sf) => sf.fileName));

  /** marks `fn` async (and its declared return type, and a declared function type it implements, Promise<…>) */
  const makeAsync = (fn: FnLike, why: ts.Node) => {
    if (madeAsync.has(fn)) return;
    const sf = fn.getSourceFile();
    if (!targetFiles.has(sf.fileName)) return;
    if (ts.isGetAccessor(fn) || ts.isSetAccessor(fn) || ts.isConstructorDeclaration(fn)) {
      report(why, `needs an await inside a ${ts.isConstructorDeclaration(fn) ? 'constructor' : 'getter/setter'}: restructure by hand`);
      return;
    }
    if (fn.asteriskToken) {
      report(why, 'needs an await inside a generator: restructure by hand');
      return;
    }
    madeAsync.add(fn);
    // async callbacks of array methods: forEach statements become loops (no async needed), the rest is reported
    const parent = fn.parent;
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(parent) && parent.arguments[0] === fn) {
      const callee = parent.expression;
      if (ts.isPropertyAccessExpression(callee) && ARRAY_CALLBACKS.has(callee.name.text)) {
        if (callee.name.text === 'forEach' && rewriteForEach(parent, fn)) {
          const host = enclosingFunction(parent);
          if (host) makeAsync(host, parent);
          return;
        }
        // not made async: an async .filter()/.some() callback is always truthy, a .map() one yields promises —
        // the await left in a plain callback fails tsc until a person rewrites it
        report(fn, `async callback of .${callee.name.text}(): make it a for-loop (or Promise.all on purpose)`);
        if (!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return;
      }
    }
    if (!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      let pos: number;
      if (ts.isMethodDeclaration(fn)) pos = fn.name.getStart();
      else if (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn))
        pos = fn
          .getChildren()
          .find((c) => c.kind === ts.SyntaxKind.FunctionKeyword)!
          .getStart();
      else pos = fn.getStart();
      if (ts.isArrowFunction(fn) && fn.modifiers?.length) pos = fn.modifiers[fn.modifiers.length - 1].getEnd() + 1;
      add(sf, { pos, end: pos, text: 'async ' });
    }
    if (fn.type) {
      if (ts.isTypePredicateNode(fn.type)) report(fn, 'a type predicate cannot become async: restructure by hand');
      else if (!/^Promise</.test(fn.type.getText())) add(sf, { pos: fn.type.getStart(), end: fn.type.getEnd(), text: promiseOf(fn.type.getText()) });
    }
    widenContract(fn);
  };

  /** the project's declared function types `fn` is contextually typed by (interface member, type alias, parameter type) */
  const contractDecls = (fn: FnLike): ts.SignatureDeclaration[] => {
    let ctx: ts.Type | undefined;
    if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) {
      const obj = checker.getContextualType(fn.parent);
      const prop = obj && ts.isIdentifier(fn.name) ? obj.getProperty(fn.name.text) : undefined;
      ctx = prop ? checker.getTypeOfSymbolAtLocation(prop, fn) : undefined;
      if (ctx) ctx = checker.getNonNullableType(ctx);
    } else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ctx = checker.getContextualType(fn);
    const out: ts.SignatureDeclaration[] = [];
    for (const t of ctx?.isUnion() ? ctx.types : ctx ? [ctx] : [])
      for (const sig of t.getCallSignatures()) {
        const decl = sig.getDeclaration();
        if (
          decl?.type &&
          inProject(decl.getSourceFile().fileName) &&
          DIRS.some((d) => path.relative(ROOT, decl.getSourceFile().fileName).startsWith(`${d}${path.sep}`))
        )
          out.push(decl);
      }
    return out;
  };

  /** an async implementation widens the declared function type it implements: `T` → `T | Promise<T>` (sync ones still fit) */
  const widenContract = (fn: FnLike) => {
    for (const decl of contractDecls(fn)) {
      const text = decl.type!.getText();
      if (/Promise</.test(text) || ts.isTypePredicateNode(decl.type!)) continue;
      const wide = /^[\w.<>[\], ]+$/.test(text) && !text.includes('|') ? `${text} | Promise<${text}>` : `(${text}) | Promise<${text}>`;
      add(decl.getSourceFile(), { pos: decl.type!.getStart(), end: decl.type!.getEnd(), text: wide });
    }
  };

  const rewriteForEach = (call: ts.CallExpression, fn: ts.ArrowFunction | ts.FunctionExpression): boolean => {
    if (!ts.isExpressionStatement(call.parent) || fn.parameters.length < 1 || fn.parameters.length > 2) return false;
    if (!fn.parameters.every((p) => ts.isIdentifier(p.name) && !p.type)) return false;
    let returns = false;
    const scan = (n: ts.Node) => {
      if (ts.isFunctionLike(n)) return;
      if (ts.isReturnStatement(n)) returns = true;
      ts.forEachChild(n, scan);
    };
    if (ts.isBlock(fn.body)) ts.forEachChild(fn.body, scan);
    if (returns) return false;
    const sf = call.getSourceFile();
    const list = (call.expression as ts.PropertyAccessExpression).expression.getText();
    const [item, index] = fn.parameters.map((p) => p.name.getText());
    const head = index ? `for (const [${index}, ${item}] of ${list}.entries())` : `for (const ${item} of ${list})`;
    const body = ts.isBlock(fn.body) ? fn.body.getText() : `{\n${fn.body.getText()};\n}`;
    // the body's own awaits are added by this pass too: so only the loop head and the closing are replaced here
    const stmt = call.parent;
    if (ts.isBlock(fn.body)) {
      add(sf, { pos: stmt.getStart(), end: fn.body.getStart(), text: `${head} ` });
      add(sf, { pos: fn.body.getEnd(), end: stmt.getEnd(), text: '' });
    } else {
      add(sf, { pos: stmt.getStart(), end: stmt.getEnd(), text: `${head} ${body}` });
    }
    return true;
  };

  const awaitCall = (call: ts.CallExpression) => {
    const sf = call.getSourceFile();
    const fn = enclosingFunction(call);
    if (fn && (ts.isGetAccessor(fn) || ts.isConstructorDeclaration(fn) || ts.isSetAccessor(fn))) {
      report(call, 'a database call inside a getter/constructor: restructure by hand');
      return;
    }
    if (needsParens(call)) {
      add(sf, { pos: call.getStart(), end: call.getStart(), text: '(await ' });
      add(sf, { pos: call.getEnd(), end: call.getEnd(), text: ')' });
    } else add(sf, { pos: call.getStart(), end: call.getStart(), text: 'await ' });
    if (fn) makeAsync(fn, call);
  };

  for (const sf of targets(program)) {
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const inAwait = ts.isAwaitExpression(node.parent) || (ts.isParenthesizedExpression(node.parent) && ts.isAwaitExpression(node.parent.parent));
        if (isDbCall(checker, node)) {
          if (!inAwait && !hasSyncTag(node, sf)) awaitCall(node);
        } else if (isProjectPromiseCall(checker, node)) {
          if (!consumed(checker, node)) {
            if (hasSyncTag(node, sf)) report(node, `a ${SYNC_TAG} function calls an async one: restructure by hand`);
            else awaitCall(node);
          } else {
            // a returned promise: the function returning it is async too (unless it already says Promise)
            let p: ts.Node = node.parent;
            while (
              ts.isParenthesizedExpression(p) ||
              ts.isAsExpression(p) ||
              ts.isConditionalExpression(p) ||
              (ts.isBinaryExpression(p) && p.operatorToken.kind !== ts.SyntaxKind.EqualsToken)
            )
              p = p.parent;
            const fn = enclosingFunction(node);
            if (fn && ts.isReturnStatement(p) && fn.type && !/Promise</.test(fn.type.getText()) && !hasSyncTag(node, sf)) makeAsync(fn, node);
            if (fn && ts.isArrowFunction(p) && p === fn && !hasSyncTag(node, sf)) {
              const parent = fn.parent;
              if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && ARRAY_CALLBACKS.has(parent.expression.name.text)) {
                const outer = parent.parent;
                const combined =
                  ts.isCallExpression(outer) &&
                  ts.isPropertyAccessExpression(outer.expression) &&
                  outer.expression.expression.getText() === 'Promise' &&
                  PROMISE_COMBINATORS.has(outer.expression.name.text);
                if (!combined) report(fn, `callback of .${parent.expression.name.text}() returns a promise: make it a for-loop (or Promise.all on purpose)`);
              }
              // expect(() => f()).toThrow(…) of a function that became async → await expect(f()).rejects.toThrow(…)
              if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'expect' && parent.arguments[0] === fn) {
                const matcher = parent.parent;
                if (ts.isPropertyAccessExpression(matcher) && matcher.expression === parent && /^toThrow/.test(matcher.name.text)) {
                  add(sf, { pos: fn.getStart(), end: node.getStart(), text: '' });
                  add(sf, { pos: parent.getEnd(), end: parent.getEnd(), text: '.rejects' });
                  add(sf, { pos: parent.getStart(), end: parent.getStart(), text: 'await ' });
                  const host = enclosingFunction(parent);
                  if (host) makeAsync(host, parent);
                } else report(fn, 'expect() of a function that now returns a promise: use await expect(promise).rejects/resolves');
              }
            }
          }
        }
        // drizzle's synchronous transaction around code that now awaits
        if (
          ts.isPropertyAccessExpression(node.expression) &&
          node.expression.name.text === 'transaction' &&
          node.arguments[0] &&
          ts.isFunctionLike(node.arguments[0])
        ) {
          const decl = checker.getResolvedSignature(node)?.getDeclaration();
          const file = decl?.getSourceFile().fileName ?? '';
          const cb = node.arguments[0] as FnLike;
          if (/drizzle-orm|better-sqlite3/.test(file) && cb.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword))
            report(node, 'a synchronous driver transaction with an async callback: use inTransaction()/transaction() from server/db');
        }
      }
      // an async implementation of a declared function type that does not say Promise: its promise would float
      if (
        (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) &&
        node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)
      )
        widenContract(node);
      // a function whose declared (contextual) return type is a Promise but which returns plainly
      if (
        (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
        !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) &&
        !hasSyncTag(node, sf)
      ) {
        const ctx = checker.getContextualType(node);
        const sigs = ctx?.getCallSignatures() ?? [];
        const own = checker.getSignatureFromDeclaration(node);
        if (
          sigs.length === 1 &&
          own &&
          isPromiseType(checker, sigs[0].getReturnType()) &&
          !(sigs[0].getReturnType().isUnion() && (sigs[0].getReturnType() as ts.UnionType).types.some((t) => !isPromiseType(checker, t))) &&
          !isPromiseType(checker, own.getReturnType()) &&
          !(own.getReturnType().flags & (ts.TypeFlags.Any | ts.TypeFlags.Never))
        ) {
          const decl = sigs[0].getDeclaration();
          if (decl && inProject(decl.getSourceFile().fileName)) makeAsync(node, node);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return pass;
}

function apply(edits: Map<string, Edit[]>): void {
  for (const [file, list] of edits) {
    let text = fs.readFileSync(file, 'utf8');
    // from the end, so earlier positions stay valid; at one position, insertions keep their order
    const sorted = list.map((e, i) => ({ ...e, i })).sort((a, b) => b.pos - a.pos || b.end - a.end || b.i - a.i);
    let last = Infinity;
    for (const e of sorted) {
      if (e.end > last) continue; // overlapping rewrite: the next pass sees it again
      text = text.slice(0, e.pos) + e.text + text.slice(e.end);
      last = e.pos;
    }
    fs.writeFileSync(file, text);
  }
}

let program = loadProgram();
const allReports = new Set<string>();
let changedFiles = new Set<string>();
for (let round = 1; round <= 20; round++) {
  const pass = runPass(program);
  for (const r of pass.reports) allReports.add(r);
  const count = [...pass.edits.values()].reduce((n, l) => n + l.length, 0);
  if (!count) break;
  for (const f of pass.edits.keys()) changedFiles.add(f);
  console.error(`pass ${round}: ${count} edits in ${pass.edits.size} files`);
  if (check) break;
  apply(pass.edits);
  program = loadProgram(program);
}
for (const r of [...allReports].sort()) console.log(r);
if (check) {
  for (const f of changedFiles) console.log(`${path.relative(ROOT, f)}: database access or a promise not awaited (run npx tsx tools/codemods/async-db.ts)`);
  process.exit(changedFiles.size || allReports.size ? 1 : 0);
}
changedFiles = new Set([...changedFiles].map((f) => path.relative(ROOT, f)));
console.error(`${changedFiles.size} files changed; ${allReports.size} places to finish by hand (listed above)`);
