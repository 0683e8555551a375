#!/usr/bin/env python3
"""Writes a HEIC whose primary item is a 'grid' of HEVC tiles, as phones write them.

Debian 12's heif-enc (libheif 1.15) makes one coded image per input and writes no grid and no
irot/imir, so this script assembles the container itself from tiles heif-enc coded:

    heif_grid.py OUT ROWS COLS WIDTH HEIGHT TILE.heic... [--irot N] [--imir AXIS]
                 [--ispe W H] [--exif-orientation N]

Each TILE.heic is a single-image file from heif-enc (its hvcC, ispe and coded data are taken over);
the tiles are listed row by row. WIDTH x HEIGHT is the grid's output size (tiles are cropped at
the right and bottom edges). --irot N adds an irot property (N quarter turns anticlockwise) and
--imir AXIS an imir property (after irot, as MIAF orders them) to the grid item. --ispe W H
writes another size into the grid's ispe (hostile fixtures). The tiles are hidden items.
"""
import struct
import sys


def box(kind, payload):
    return struct.pack(">I4s", 8 + len(payload), kind.encode()) + payload


def full_box(kind, version, flags, payload):
    return box(kind, struct.pack(">I", (version << 24) | flags) + payload)


def children(data, start, end):
    """(type, payload start, box end) of each box in data[start:end]."""
    out = []
    while start + 8 <= end:
        size, kind = struct.unpack(">I4s", data[start:start + 8])
        out.append((kind.decode("latin1"), start + 8, start + size))
        start += size
    return out


def read_tile(path):
    """hvcC box bytes, ispe (w, h) and coded data of a one-image heif-enc file."""
    data = open(path, "rb").read()
    top = {k: (s, e) for k, s, e in children(data, 0, len(data))}
    ms, me = top["meta"]
    meta = {k: (s, e) for k, s, e in children(data, ms + 4, me)}
    ps, pe = meta["iprp"]
    iprp = {k: (s, e) for k, s, e in children(data, ps, pe)}
    cs, ce = iprp["ipco"]
    hvcc, ispe = None, None
    for kind, s, e in children(data, cs, ce):
        if kind == "hvcC":
            hvcc = data[s - 8:e]
        if kind == "ispe":
            ispe = struct.unpack(">II", data[s + 4:s + 12])
    # iloc: version, offset_size/length_size, base_offset_size/index_size, count; one item, one extent
    ls, le = meta["iloc"]
    version = data[ls]
    sizes = data[ls + 4]
    offset_size, length_size = sizes >> 4, sizes & 15
    base_size = data[ls + 5] >> 4
    pos = ls + 6
    count = struct.unpack(">H", data[pos:pos + 2])[0] if version < 2 else struct.unpack(">I", data[pos:pos + 4])[0]
    assert count == 1, "one item per tile file"
    pos += 2 if version < 2 else 4
    pos += 2 if version < 2 else 4                      # item ID
    if version in (1, 2):
        pos += 2                                        # construction method
    pos += 2                                            # data reference index
    base = int.from_bytes(data[pos:pos + base_size], "big") if base_size else 0
    pos += base_size
    extents = struct.unpack(">H", data[pos:pos + 2])[0]
    assert extents == 1
    pos += 2
    offset = int.from_bytes(data[pos:pos + offset_size], "big")
    pos += offset_size
    length = int.from_bytes(data[pos:pos + length_size], "big")
    return hvcc, ispe, data[base + offset:base + offset + length]


def main(argv):
    args = list(argv)
    irot = imir = exif = None
    ispe_override = None
    while "--irot" in args:
        i = args.index("--irot"); irot = int(args[i + 1]); del args[i:i + 2]
    while "--imir" in args:
        i = args.index("--imir"); imir = int(args[i + 1]); del args[i:i + 2]
    while "--ispe" in args:
        i = args.index("--ispe"); ispe_override = (int(args[i + 1]), int(args[i + 2])); del args[i:i + 3]
    while "--exif-orientation" in args:
        i = args.index("--exif-orientation"); exif = int(args[i + 1]); del args[i:i + 2]
    out, rows, cols, width, height = args[0], int(args[1]), int(args[2]), int(args[3]), int(args[4])
    tiles = [read_tile(p) for p in args[5:]]
    assert len(tiles) == rows * cols
    n = len(tiles)
    grid_id = n + 1
    exif_id = n + 2

    # properties: each tile's hvcC, one tile ispe, the grid's ispe, then irot / imir
    props = [t[0] for t in tiles]
    tw, th = tiles[0][1]
    props.append(full_box("ispe", 0, 0, struct.pack(">II", tw, th)))
    tile_ispe = len(props)
    gw, gh = ispe_override or (width, height)
    props.append(full_box("ispe", 0, 0, struct.pack(">II", gw, gh)))
    grid_ispe = len(props)
    grid_props = [grid_ispe]
    if irot is not None:
        props.append(box("irot", bytes([irot & 3])))
        grid_props.append(0x80 | len(props))            # essential
    if imir is not None:
        props.append(box("imir", bytes([imir & 1])))
        grid_props.append(0x80 | len(props))
    ipco = box("ipco", b"".join(props))
    entries = b""
    for i in range(n):
        entries += struct.pack(">HB", i + 1, 2) + bytes([0x80 | (i + 1), tile_ispe])
    entries += struct.pack(">HB", grid_id, len(grid_props)) + bytes(grid_props)
    ipma = full_box("ipma", 0, 0, struct.pack(">I", n + 1) + entries)
    iprp = box("iprp", ipco + ipma)

    infes = b""
    for i in range(n):
        infes += full_box("infe", 2, 1, struct.pack(">HH4s", i + 1, 0, b"hvc1") + b"\0")   # hidden
    infes += full_box("infe", 2, 0, struct.pack(">HH4s", grid_id, 0, b"grid") + b"\0")
    exif_payload = b""
    if exif is not None:
        infes += full_box("infe", 2, 0, struct.pack(">HH4s", exif_id, 0, b"Exif") + b"\0")
        tiff = b"MM\0*" + struct.pack(">I", 8) + struct.pack(">H", 1) + struct.pack(">HHII", 0x0112, 3, 1, exif << 16) + struct.pack(">I", 0)
        exif_payload = struct.pack(">I", 0) + tiff
    count = n + 1 + (1 if exif is not None else 0)
    iinf = full_box("iinf", 0, 0, struct.pack(">H", count) + infes)
    iref = full_box("iref", 0, 0, box("dimg", struct.pack(">HH", grid_id, n) + b"".join(struct.pack(">H", i + 1) for i in range(n)))
                    + (box("cdsc", struct.pack(">HHH", exif_id, 1, grid_id)) if exif is not None else b""))
    grid_data = struct.pack(">BBBB", 0, 0, rows - 1, cols - 1) + struct.pack(">HH", width, height)
    idat = box("idat", grid_data)
    hdlr = full_box("hdlr", 0, 0, b"\0\0\0\0pict" + b"\0" * 12 + b"\0")
    pitm = full_box("pitm", 0, 0, struct.pack(">H", grid_id))

    def iloc_box(mdat_start):
        body = struct.pack(">BBH", 0x44, 0x00, count)   # offset 4, length 4, base 0, (v1) index 0
        pos = mdat_start
        for i, t in enumerate(tiles):
            body += struct.pack(">HHHHII", i + 1, 0, 0, 1, pos, len(t[2]))
            pos += len(t[2])
        body += struct.pack(">HHHHII", grid_id, 1, 0, 1, 0, len(grid_data))   # construction 1: idat
        if exif is not None:
            body += struct.pack(">HHHHII", exif_id, 0, 0, 1, pos, len(exif_payload))
        return full_box("iloc", 1, 0, body)

    ftyp = box("ftyp", b"heic" + struct.pack(">I", 0) + b"mif1heicmiaf")
    def meta_box(mdat_start):
        return full_box("meta", 0, 0, hdlr + pitm + iloc_box(mdat_start) + iinf + iref + iprp + idat)
    mdat_start = len(ftyp) + len(meta_box(0)) + 8
    mdat = box("mdat", b"".join(t[2] for t in tiles) + exif_payload)
    open(out, "wb").write(ftyp + meta_box(mdat_start) + mdat)


if __name__ == "__main__":
    main(sys.argv[1:])
