/*
 * profiles.c: writes the synthetic ICC profiles of the colour fixtures with Little CMS 2, from
 * published constants (primaries, white points, tone curves); no profile data is copied.
 *   cc profiles.c -llcms2 -o profiles && ./profiles OUTDIR
 * Writes display-p3.icc, srgb-renamed.icc, gray-gamma18.icc and lut-a98.icc into OUTDIR.
 */
#include <lcms2.h>
#include <stdio.h>
#include <string.h>

static void describe(cmsHPROFILE p, const char *text) {
    cmsMLU *mlu = cmsMLUalloc(NULL, 1);
    cmsMLUsetASCII(mlu, "en", "US", text);
    cmsWriteTag(p, cmsSigProfileDescriptionTag, mlu);
    cmsMLUfree(mlu);
}

static int save(cmsHPROFILE p, const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int ok = cmsSaveProfileToFile(p, path);
    cmsCloseProfile(p);
    if (!ok) fprintf(stderr, "cannot write %s\n", path);
    return ok ? 0 : 1;
}

static cmsToneCurve *srgb_curve(void) {
    const cmsFloat64Number params[5] = {2.4, 1.0 / 1.055, 0.055 / 1.055, 1.0 / 12.92, 0.04045};
    return cmsBuildParametricToneCurve(NULL, 4, params);
}

/* A98 RGB (1998) as an LUT-based input profile: A2B0 samples the matrix profile to Lab on an
   11^3 grid (no B2A0: an input profile is only converted from). */
static cmsHTRANSFORM to_lab;

static cmsInt32Number sample_to_lab(const cmsUInt16Number in[], cmsUInt16Number out[], void *cargo) {
    (void)cargo;
    cmsDoTransform(to_lab, in, out, 1);
    return 1;
}

static cmsHPROFILE lut_profile(void) {
    cmsCIExyY d65 = {0.3127, 0.3290, 1.0};
    cmsCIExyYTRIPLE a98 = {{0.64, 0.33, 1.0}, {0.21, 0.71, 1.0}, {0.15, 0.06, 1.0}};
    cmsToneCurve *g = cmsBuildGamma(NULL, 563.0 / 256.0);
    cmsToneCurve *curves[3] = {g, g, g};
    cmsHPROFILE matrix = cmsCreateRGBProfile(&d65, &a98, curves);
    cmsHPROFILE lab = cmsCreateLab4Profile(NULL);
    to_lab = cmsCreateTransform(matrix, TYPE_RGB_16, lab, TYPE_Lab_16, INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_NOCACHE);

    cmsHPROFILE p = cmsCreateProfilePlaceholder(NULL);
    cmsSetProfileVersion(p, 4.3);
    cmsSetDeviceClass(p, cmsSigInputClass); /* input only: A2B0 is all it needs */
    cmsSetColorSpace(p, cmsSigRgbData);
    cmsSetPCS(p, cmsSigLabData);
    cmsWriteTag(p, cmsSigMediaWhitePointTag, cmsD50_XYZ());

    cmsPipeline *a2b = cmsPipelineAlloc(NULL, 3, 3);
    cmsStage *clut = cmsStageAllocCLut16bit(NULL, 11, 3, 3, NULL);
    cmsStageSampleCLut16bit(clut, sample_to_lab, NULL, 0);
    /* lutAtoBType wants A curves, CLUT, B curves: identity curves around the table */
    cmsPipelineInsertStage(a2b, cmsAT_END, cmsStageAllocToneCurves(NULL, 3, NULL));
    cmsPipelineInsertStage(a2b, cmsAT_END, clut);
    cmsPipelineInsertStage(a2b, cmsAT_END, cmsStageAllocToneCurves(NULL, 3, NULL));
    cmsWriteTag(p, cmsSigAToB0Tag, a2b);
    cmsPipelineFree(a2b);

    describe(p, "A98 RGB as a colour lookup table (fixture)");

    cmsDeleteTransform(to_lab);
    cmsCloseProfile(matrix);
    cmsCloseProfile(lab);
    cmsFreeToneCurve(g);
    return p;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: profiles OUTDIR\n"); return 2; }
    const char *dir = argv[1];
    int failures = 0;

    /* Display P3: DCI-P3 primaries, D65 white, the sRGB tone curve */
    cmsCIExyY d65 = {0.3127, 0.3290, 1.0};
    cmsCIExyYTRIPLE p3 = {{0.680, 0.320, 1.0}, {0.265, 0.690, 1.0}, {0.150, 0.060, 1.0}};
    cmsToneCurve *s = srgb_curve();
    cmsToneCurve *curves[3] = {s, s, s};
    cmsHPROFILE display_p3 = cmsCreateRGBProfile(&d65, &p3, curves);
    describe(display_p3, "Display P3 (fixture)");
    failures += save(display_p3, dir, "display-p3.icc");

    /* sRGB under another name: lcms2's own sRGB with a camera maker's kind of description */
    cmsHPROFILE renamed = cmsCreate_sRGBProfile();
    describe(renamed, "Camera RGB (fixture)");
    failures += save(renamed, dir, "srgb-renamed.icc");
    cmsFreeToneCurve(s);

    /* gray with a plain 1.8 gamma, D50 white */
    cmsToneCurve *g18 = cmsBuildGamma(NULL, 1.8);
    cmsHPROFILE gray = cmsCreateGrayProfile(cmsD50_xyY(), g18);
    describe(gray, "Gray Gamma 1.8 (fixture)");
    failures += save(gray, dir, "gray-gamma18.icc");
    cmsFreeToneCurve(g18);

    failures += save(lut_profile(), dir, "lut-a98.icc");
    return failures ? 1 : 0;
}
