extension StudioAssets {
    /// `/studio.css`.
    static let style = #"""
    :root { --bg: #15171c; --panel: #1e2128; --line: #2f343e; --text: #e6e8ec; --dim: #9aa2b1;
            --accent: #ff2850; --ok: #3ecf8e; font: 14px/1.4 system-ui, sans-serif; color-scheme: dark; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--text); height: 100vh; display: flex; flex-direction: column; }
    header { display: flex; align-items: center; gap: 16px; padding: 8px 16px; border-bottom: 1px solid var(--line); }
    header h1 { font-size: 16px; margin: 0; font-weight: 600; }
    header h1 span { color: var(--accent); }
    #base-info { flex: 1; margin: 0; color: var(--dim); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    main { flex: 1; display: grid; grid-template-columns: 260px 1fr 300px; min-height: 0; }
    aside { background: var(--panel); overflow-y: auto; padding: 8px 12px; }
    #left { border-right: 1px solid var(--line); }
    #right { border-left: 1px solid var(--line); }
    section h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--dim); margin: 12px 0 6px; }
    #stage { position: relative; display: flex; flex-direction: column; align-items: center; justify-content: center;
             padding: 12px; min-width: 0; min-height: 0; }
    .frame { position: relative; max-width: 100%; max-height: 100%; line-height: 0;
             background: repeating-conic-gradient(#262a33 0 25%, #1c1f26 0 50%) 0 0 / 16px 16px; }
    #base, #cmp-before { display: block; max-width: 100%; max-height: calc(100vh - 130px); }
    #paint, #mask-preview, #cmp-after { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
    #paint { opacity: .5; cursor: crosshair; touch-action: none; }
    #mask-preview { mix-blend-mode: screen; opacity: .35; pointer-events: none; }
    #compare .tag { position: absolute; top: 8px; padding: 2px 6px; background: #000a; line-height: 1.4; font-size: 12px; }
    #compare .tag.left { left: 8px; } #compare .tag.right { right: 8px; }
    #compare-controls { display: flex; gap: 12px; align-items: center; margin-top: 8px; width: 60%; }
    #cmp-slider { flex: 1; }
    ul { list-style: none; padding: 0; margin: 0; }
    #images li { display: flex; gap: 6px; align-items: center; padding: 3px 0; }
    #images li.base { color: var(--accent); }
    #images li .name { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    #images li .status { font-size: 11px; color: var(--dim); }
    pre { white-space: pre-wrap; word-break: break-word; font-size: 12px; color: var(--dim); margin: 0; }
    label.row { display: flex; gap: 8px; align-items: center; margin: 4px 0; }
    label.row select, label.row input[type=number] { flex: 1; min-width: 0; }
    label.block { display: block; margin: 6px 0; }
    textarea { width: 100%; margin-top: 4px; resize: vertical; }
    select, input, textarea, button { font: inherit; color: var(--text); background: #12141a; border: 1px solid var(--line);
                                      border-radius: 4px; padding: 3px 6px; }
    button { cursor: pointer; background: #2a2f3a; }
    button:hover { border-color: var(--dim); }
    button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
    button:disabled { opacity: .5; cursor: default; }
    .buttons { display: flex; gap: 6px; flex-wrap: wrap; margin: 6px 0; }
    .tools { display: grid; grid-template-columns: 1fr 1fr; gap: 2px; }
    label.file { display: block; margin: 6px 0; color: var(--dim); cursor: pointer; }
    label.file input { display: block; margin-top: 2px; width: 100%; }
    .note { color: var(--dim); font-size: 12px; margin: 2px 0 6px; }
    .price { color: var(--ok); font-weight: 600; }
    .error { color: #ff6b81; white-space: pre-wrap; }
    #progress.busy::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 6px;
                             border: 2px solid var(--dim); border-top-color: transparent; border-radius: 50%;
                             animation: spin .8s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
    #saved li { font-size: 12px; color: var(--ok); word-break: break-all; }
    """#
}
