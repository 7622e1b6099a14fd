/** Why an attached image was refused, as the editor shows it next to the image field (the server's answer, or ?image-error= without JavaScript). */
export const imageProblems = ["empty", "not-image", "svg", "too-large", "too-many-pixels", "broken", "limit", "failed"] as const;

export type ImageProblem = (typeof imageProblems)[number];

export const ACCEPTED_IMAGES = "image/png,image/jpeg,image/webp,image/gif";

export function imageProblemMessage(problem: ImageProblem, maxBytes?: number): string {
  const size = maxBytes ? `${Math.round((maxBytes / 1_048_576) * 10) / 10} MB` : "the size limit";
  return {
    empty: "Choose an image file to attach.",
    "not-image": "That file is not a PNG, JPEG, WebP or GIF image. Only those can be attached.",
    svg: "SVG images can't be attached (they can carry scripts). Export it as PNG and attach that.",
    "too-large": `That image is larger than ${size}. Make it smaller and attach it again.`,
    "too-many-pixels": "That image has too many pixels to show. Scale it down and attach it again.",
    broken: "That image could not be read: it may be cut off or damaged. Save it again and attach the new file.",
    limit: "You can't attach more images right now. New members can attach only a few a day.",
    failed: "The image could not be attached just now. Your text is safe; try again.",
  }[problem];
}

export const isImageProblem = (value: unknown): value is ImageProblem => imageProblems.includes(value as ImageProblem);
