// The small English corpus behind builtinCorpus() (declared in engine/tokenizer.h): enough
// text for a few-hundred-piece BPE tokenizer that splits the demo and synthetic-dataset
// prompts into sensible words. Hand-written sentences plus template sentences over the
// colours, shapes and positions the synthetic datasets use.
#include <array>
#include <string>
#include <vector>

#include "engine/tokenizer.h"

namespace llavolta::engine {

namespace {

const char* const kSentences[] = {
    "A chat between a curious human and an artificial intelligence assistant.",
    "A chat between a curious user and an artificial intelligence assistant.",
    "The assistant gives helpful, detailed, and polite answers to the human's questions.",
    "The assistant gives helpful, detailed, and polite answers to the user's questions.",
    "USER: What is in the image? ASSISTANT: There is a red circle in the image.",
    "USER: Describe the image. ASSISTANT: The image shows a blue square on a white background.",
    "USER: Hello! ASSISTANT: Hello! How can I help you today?",
    "USER: Thank you. ASSISTANT: You are welcome.",
    "Hello, how are you?",
    "I am fine, thank you.",
    "Good morning. Good afternoon. Good evening. Good night.",
    "Please describe the image in detail.",
    "Describe this picture briefly.",
    "What do you see in this picture?",
    "Can you tell me what is happening in the photo?",
    "Answer the question using a single word or phrase.",
    "Answer with the option's letter from the given choices directly.",
    "Is the answer yes or no?",
    "Yes.",
    "No.",
    "Yes, it is.",
    "No, it is not.",
    "Yes, there is.",
    "No, there is not.",
    "I am not sure.",
    "I don't know.",
    "Maybe.",
    "That is correct.",
    "That is not correct.",
    "The image is a simple drawing with a few coloured shapes.",
    "The background of the image is white.",
    "The background is black and the shapes are bright.",
    "There is nothing else in the picture.",
    "The picture shows two shapes next to each other.",
    "The shapes do not overlap.",
    "One shape is larger than the other.",
    "The small shape is above the large one.",
    "The large shape is below the small one.",
    "The circle is to the left of the square.",
    "The square is to the right of the circle.",
    "The triangle is between the circle and the square.",
    "Which shape is the largest?",
    "Which shape is the smallest?",
    "Which colour appears most often?",
    "How many shapes are in the image?",
    "How many colours can you see?",
    "Count the objects in the image.",
    "What shape is in the center?",
    "What is the color of the object on the left?",
    "What colour is the object at the top?",
    "Where is the object located?",
    "Is the shape on the left or on the right?",
    "Is the shape at the top or at the bottom?",
    "The numbers are 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 10.",
    "One, two, three, four, five, six, seven, eight, nine, ten.",
    "The first, the second, the third and the last one.",
    "There are 12 months in a year and 365 days.",
    "The meeting starts at 9:30 and ends at 11:45.",
    "It costs $25.99, about 20% less than last year.",
    "The score was 3 to 2.",
    "Call 555-0123 or write to help@example.com.",
    "Version 1.5 was released in 2023; version 2.0 came in 2024.",
    "The image is 336 by 336 pixels and has 576 patches.",
    "Each patch is 14 by 14 pixels.",
    "The model has 32 layers and 4096 hidden units.",
    "Compression keeps 72 of the 576 visual tokens.",
    "The cat sat on the mat.",
    "The dog is running in the park.",
    "A man is riding a bike on the street.",
    "A woman is reading a book near the window.",
    "Two children are playing with a ball.",
    "A bird is flying over the sea.",
    "The car is parked in front of the house.",
    "There is a tree next to the road.",
    "The sky is blue and the grass is green.",
    "The sun is shining and there are no clouds.",
    "It is raining, so they carry umbrellas.",
    "The table has a cup, a plate and a spoon on it.",
    "A clock hangs on the wall above the door.",
    "The train arrives at the station.",
    "People are walking along the beach.",
    "The boy holds a kite in his hand.",
    "The girl wears a yellow hat.",
    "An apple and a banana are on the table.",
    "The room has a bed, a chair and a lamp.",
    "Snow covers the mountains in winter.",
    "Flowers bloom in spring.",
    "Leaves fall from the trees in autumn.",
    "It is hot in summer.",
    "What time is it?",
    "Where are you going?",
    "Why is the sky blue?",
    "Who is standing next to the car?",
    "When does the store open?",
    "How old is the building?",
    "Could you explain that again?",
    "Let me think about it.",
    "Here is a short summary of the image.",
    "In summary, the image contains three shapes.",
    "First, look at the top of the image. Then look at the bottom.",
    "The answer is A.",
    "The answer is B.",
    "The answer is C.",
    "The answer is D.",
    "Option A: red. Option B: blue. Option C: green. Option D: yellow.",
    "Sorry, I cannot see any text in the image.",
    "The text in the image says \"STOP\".",
    "This is a test (only a test) of the tokenizer.",
    "Quotes, commas, periods, colons: and semicolons; all appear here!",
    "Questions end with a question mark? Exclamations end with an exclamation mark!",
    "Brackets [like these] and braces {like these} are rare.",
    "Use a hyphen in well-known words and a slash in and/or.",
    "The quick brown fox jumps over the lazy dog.",
    "Pack my box with five dozen liquor jugs.",
    "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG.",
    "Visual tokens are pooled along the sequence.",
    "The language model reads the image features and the question.",
    "Training uses several stages of compression.",
    "Evaluation measures accuracy and the number of FLOPs.",
    "The picture is taken outdoors during the day.",
    "The picture is taken indoors at night.",
    "The object is small, round and shiny.",
    "The object is large, flat and dark.",
    "The lines are thin and straight.",
    "The edges are sharp.",
    "Nothing is moving in the scene.",
    "A person is waving at the camera.",
    "The food on the plate looks delicious.",
    "The water in the glass is clear.",
};

constexpr std::array<const char*, 11> kColours = {"red",   "green",  "blue",  "yellow",
                                                  "orange", "purple", "pink", "brown",
                                                  "black", "white",  "gray"};
constexpr std::array<const char*, 8> kShapes = {"circle", "square",  "triangle", "rectangle",
                                                "star",   "diamond", "hexagon",  "heart"};
constexpr std::array<const char*, 9> kPositions = {
    "top left", "top right", "bottom left", "bottom right", "center",
    "left",     "right",     "top",         "bottom"};
constexpr std::array<const char*, 9> kCountWords = {"one", "two",   "three", "four", "five",
                                                    "six", "seven", "eight", "nine"};

std::vector<std::string> buildCorpus() {
  std::vector<std::string> lines(std::begin(kSentences), std::end(kSentences));
  const size_t nc = kColours.size();
  const size_t ns = kShapes.size();
  const size_t np = kPositions.size();
  // Walk colour/shape/position combinations with coprime strides so every word shows
  // up in many contexts without a full cross product.
  for (size_t i = 0; i < 48; ++i) {
    const std::string colour = kColours[i % nc];
    const std::string colour2 = kColours[(i * 3 + 5) % nc];
    const std::string shape = kShapes[(i * 5 + 1) % ns];
    const std::string position = kPositions[(i * 7 + 2) % np];
    const int count = static_cast<int>(i % 9) + 1;
    const std::string countWord = kCountWords[count - 1];
    const std::string plural = shape + "s";
    lines.push_back("What colour is the " + shape + "?");
    lines.push_back("The " + shape + " is " + colour + ".");
    lines.push_back("Where is the " + colour + " " + shape + "?");
    lines.push_back("The " + colour + " " + shape + " is in the " + position + " of the image.");
    lines.push_back("How many " + plural + " are there? There are " + std::to_string(count) +
                    " " + (count == 1 ? shape : plural) + ".");
    if (i % 2 == 0) {
      lines.push_back("Is there a " + colour + " " + shape + " in the image? Yes, there is a " +
                      colour + " " + shape + " in the " + position + ".");
    } else {
      lines.push_back("Is the " + shape + " " + colour2 + "? No, the " + shape + " is " +
                      colour + ", not " + colour2 + ".");
    }
    if (i % 3 == 0) {
      lines.push_back("What color is the " + shape + " in the " + position + "? It is " +
                      colour + ".");
    }
    if (i % 4 == 1) {
      lines.push_back("I can see " + countWord + " " + colour + " " +
                      (count == 1 ? shape : plural) + " and a " + colour2 + " " +
                      kShapes[(i + 3) % ns] + ".");
    }
  }
  for (size_t i = 0; i < nc; ++i) {
    lines.push_back(std::string("USER: <image> What colour is the ") + kShapes[i % ns] +
                    "? Answer with one word. ASSISTANT: " + kColours[i] + "</s>");
  }
  return lines;
}

}  // namespace

const std::vector<std::string>& builtinCorpus() {
  static const std::vector<std::string> corpus = buildCorpus();
  return corpus;
}

}  // namespace llavolta::engine
