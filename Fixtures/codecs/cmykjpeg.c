/*
 * cmykjpeg.c: writes a 4-component JPEG from raw 8-bit CMYK ink values (0 = no ink) on stdin.
 * ImageMagick's "-colorspace CMYK" JPEGs are always YCCK (libjpeg's default for CMYK input), and
 * no other installed tool writes CMYK JPEGs, so make.sh builds this with libjpeg itself.
 *   adobe-cmyk  Adobe marker, transform 0, values stored inverted (255 = no ink), as Photoshop does
 *   adobe-ycck  Adobe marker, transform 2 (YCCK), values inverted before the YCC transform
 *   plain-cmyk  no Adobe marker, ink values stored as they are
 * Usage: cmykjpeg KIND WIDTH HEIGHT QUALITY < cmyk.raw > out.jpg
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

int main(int argc, char **argv) {
    if (argc != 5) return 2;
    const char *kind = argv[1];
    int w = atoi(argv[2]), h = atoi(argv[3]), q = atoi(argv[4]);
    int ycck = strcmp(kind, "adobe-ycck") == 0, plain = strcmp(kind, "plain-cmyk") == 0;
    if (w <= 0 || h <= 0 || (!ycck && !plain && strcmp(kind, "adobe-cmyk") != 0)) return 2;
    unsigned char *row = malloc((size_t)w * 4);
    if (row == NULL) return 1;
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, stdout);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = 4;
    c.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&c);
    jpeg_set_colorspace(&c, ycck ? JCS_YCCK : JCS_CMYK);
    if (plain) c.write_Adobe_marker = FALSE;
    jpeg_set_quality(&c, q, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        if (fread(row, 4, (size_t)w, stdin) != (size_t)w) return 1;
        if (!plain)
            for (int i = 0; i < w * 4; i++) row[i] = (unsigned char)(255 - row[i]);
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(row);
    return 0;
}
