/// The page the studio serves: plain HTML, CSS and JavaScript compiled into the binary (no CDN,
/// no build step; works offline). The page draws and asks; every rule (preparation, masks,
/// requests) runs on the server through the libraries.
enum StudioAssets {
    /// `/`: the page.
    static let page = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>venice-edit studio</title>
    <link rel="stylesheet" href="/studio.css">
    </head>
    <body>
    <header>
      <h1>venice-edit <span>studio</span></h1>
      <p id="base-info">loading…</p>
      <button id="quit" title="Stop the studio server">Quit</button>
    </header>
    <main>
      <aside id="left">
        <section>
          <h2>Images</h2>
          <ul id="images"></ul>
          <label class="file">Add an image… <input type="file" id="add-image" accept="image/*"></label>
        </section>
        <section>
          <h2>Pre-flight</h2>
          <pre id="preflight"></pre>
        </section>
        <section>
          <h2>Paint the mask</h2>
          <div class="tools" role="radiogroup" aria-label="Tool">
            <label><input type="radio" name="tool" value="brush" checked> Brush</label>
            <label><input type="radio" name="tool" value="eraser"> Eraser</label>
            <label><input type="radio" name="tool" value="rect"> Rectangle</label>
            <label><input type="radio" name="tool" value="ellipse"> Ellipse</label>
          </div>
          <label class="row">Size <input type="range" id="size" min="2" max="400" value="60"> <output id="size-value">60</output> px</label>
          <div class="buttons">
            <button id="undo" title="Ctrl+Z">Undo</button>
            <button id="redo" title="Ctrl+Y">Redo</button>
            <button id="clear">Clear</button>
            <button id="invert">Invert</button>
          </div>
          <label class="file">Load a sketch… <input type="file" id="load-sketch" accept="image/*"></label>
        </section>
        <section>
          <h2>Mask</h2>
          <label class="row"><input type="checkbox" id="auto-threshold" checked> Threshold: automatic (Otsu)</label>
          <label class="row">Threshold <input type="number" id="threshold" min="0" max="255" value="128" disabled></label>
          <label class="row">Grow <input type="number" id="grow" min="0" max="500" value="0"> px</label>
          <label class="row">Shrink <input type="number" id="shrink" min="0" max="500" value="0"> px</label>
          <label class="row">Feather <input type="number" id="feather" min="0" max="500" value="0"> px</label>
          <label class="row"><input type="checkbox" id="show-mask" checked> Show the mask as sent</label>
          <p id="mask-status">paint over the area to edit</p>
        </section>
      </aside>
      <section id="stage">
        <div id="canvas-wrap" class="frame">
          <img id="base" alt="the base image as it will be sent">
          <img id="mask-preview" alt="" hidden>
          <canvas id="paint" width="1" height="1"></canvas>
        </div>
        <div id="compare" class="frame" hidden>
          <img id="cmp-before" alt="before">
          <img id="cmp-after" alt="after">
          <span class="tag left">before</span><span class="tag right">after</span>
        </div>
        <div id="compare-controls" hidden>
          <input type="range" id="cmp-slider" min="0" max="100" value="50" aria-label="before / after">
          <button id="back-to-mask">Back to the mask</button>
        </div>
      </section>
      <aside id="right">
        <section>
          <h2>Request</h2>
          <label class="row">Endpoint
            <select id="endpoint">
              <option value="multi-edit">multi-edit (mask as a layer)</option>
              <option value="edit">edit</option>
              <option value="background-remove">background-remove</option>
              <option value="upscale">upscale</option>
            </select>
          </label>
          <label class="row">Model <select id="model"></select></label>
          <p id="model-info" class="note"></p>
          <label class="row">Tier <select id="tier"></select></label>
          <label class="row">Quality <select id="quality"></select></label>
          <label class="row">Aspect <select id="aspect"></select></label>
          <label class="row" id="scale-row">Scale <select id="scale"><option>2</option><option>4</option></select></label>
          <label class="row"><input type="checkbox" id="use-mask" checked> Send the mask</label>
          <label class="block">Prompt <textarea id="prompt" rows="4" placeholder="what to change in the white area"></textarea></label>
          <p id="price" class="price"></p>
          <div class="buttons">
            <button id="dry-run">Dry run</button>
            <button id="send" class="primary">Send</button>
          </div>
          <p id="progress" aria-live="polite"></p>
          <p id="error" class="error" role="alert"></p>
          <pre id="dry-run-output"></pre>
        </section>
        <section id="result-panel" hidden>
          <h2>Result</h2>
          <p id="result-info"></p>
          <button id="save" class="primary">Save</button>
          <ul id="saved"></ul>
        </section>
      </aside>
    </main>
    <script src="/studio.js"></script>
    </body>
    </html>
    """#
}
