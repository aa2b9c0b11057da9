/**
 * The Lexical node classes the rich-text editor registers — one list, shared by the browser editor
 * and the headless tests, so a stored document the server accepts always opens in the editor.
 */
import { AutoLinkNode, LinkNode } from '@lexical/link'
import { ListItemNode, ListNode } from '@lexical/list'
import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMExportOutput,
  type EditorConfig,
  type Klass,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type SerializedPartial,
} from 'lexical'
import type { ReactElement } from 'react'

import { isSafeImageSrc } from './document'

/** Exactly what the server stores for an image (see `sanitizeNode` in document.ts and the no-JavaScript upload). */
export interface SerializedImageNode extends SerializedLexicalNode {
  type: 'image'
  version: 1
  src: string
  altText: string
}

/** An uploaded image inside a paragraph: an `<img>` with its text description, nothing else. */
export class ImageNode extends DecoratorNode<ReactElement | null> {
  __src: string
  __altText: string

  static getType(): string {
    return 'image'
  }

  static clone(node: ImageNode): ImageNode {
    return new ImageNode(node.__src, node.__altText, node.__key)
  }

  static importJSON(serialized: SerializedPartial<SerializedImageNode>): ImageNode {
    return $createImageNode(
      typeof serialized.src === 'string' ? serialized.src : '',
      typeof serialized.altText === 'string' ? serialized.altText : '',
    )
  }

  constructor(src = '', altText = '', key?: NodeKey) {
    super(key)
    this.__src = src
    this.__altText = altText
  }

  exportJSON(): SerializedImageNode {
    const self = this.getLatest()
    return { type: 'image', version: 1, src: self.__src, altText: self.__altText }
  }

  getSrc(): string {
    return this.getLatest().__src
  }

  getAltText(): string {
    return this.getLatest().__altText
  }

  createDOM(config: EditorConfig): HTMLElement {
    const span = document.createElement('span')
    const className = config.theme.image
    if (typeof className === 'string') span.className = className
    return span
  }

  updateDOM(): false {
    return false
  }

  exportDOM(): DOMExportOutput {
    const img = document.createElement('img')
    if (isSafeImageSrc(this.__src)) img.setAttribute('src', this.__src)
    img.setAttribute('alt', this.__altText)
    return { element: img }
  }

  isInline(): true {
    return true
  }

  getTextContent(): string {
    return this.__altText ? `[${this.__altText}]` : ''
  }

  decorate(): ReactElement | null {
    // The same rule as the server-side view: only this site's uploads are ever loaded.
    if (!isSafeImageSrc(this.__src)) return null
    return <img src={this.__src} alt={this.__altText} style={{ maxWidth: '100%', height: 'auto' }} draggable={false} />
  }
}

export function $createImageNode(src: string, altText: string): ImageNode {
  return $applyNodeReplacement(new ImageNode(src, altText))
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode
}

/** Every node type the whitelist in document.ts keeps (text, paragraph, linebreak and tab are built in). */
export const RICH_TEXT_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  ImageNode,
]
